using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace CertPlatform.Infrastructure.Stores;

/// <summary>
/// NSS itself (<c>libnss3.so</c>, the library <c>certutil</c> and <c>pk12util</c> are built on and Chromium and Firefox
/// read their certificates with), for what the user waits for: reading a database and putting an issued key and
/// certificate into it, without a process per step. The way Chromium opens its own database: NSS started once without
/// a database of its own (<c>NSS_NoDB_Init</c>), then the user's database opened as a slot (<c>SECMOD_OpenUserDB</c>)
/// for each read or install and closed after it. The key goes in as an unencrypted PKCS#8 structure through memory
/// only (no file, no password), its CKA_ID the SHA-1 of its public value as pk12util gives it, then the certificate
/// under the nickname, bound to that key. All of NSS is one global state, so one use runs at a time in the process.
/// </summary>
[SupportedOSPlatform("linux")]
internal static unsafe partial class NssLibrary
{
    private const string Nss = "libnss3.so";
    private const int KeyUsageAll = 0xff;

    private static readonly Lock Gate = new();
    private static bool? _available;

    /// <summary>Whether libnss3 loads and starts here; asked once per process.</summary>
    public static bool IsAvailable
    {
        get
        {
            lock (Gate)
            {
                return _available ??= Start();
            }
        }
    }

    /// <summary>
    /// Imports <paramref name="pkcs8"/> (the private key) and <paramref name="certificate"/> (DER) into the database
    /// folder as <paramref name="nickname"/>, and checks both are there. The key is taken out again when the
    /// certificate does not go in: no key stays behind without its certificate.
    /// </summary>
    /// <param name="publicValue">The RSA modulus, or the EC point (04 || X || Y): NSS's CKA_ID is its SHA-1.</param>
    /// <param name="beforeCertificate">For the tests: runs between the key's import and the certificate's.</param>
    /// <returns>null when both are in; otherwise what failed, with NSS's error number.</returns>
    public static string? Install(string database, byte[] pkcs8, byte[] publicValue, byte[] keyId, byte[] certificate, string nickname, Action? beforeCertificate = null) =>
        WithDatabase(database, slot => InstallInto(slot, pkcs8, publicValue, keyId, certificate, nickname, beforeCertificate), failure => failure);

    /// <summary>
    /// Every certificate of the database with its nickname, and the CKA_IDs of its private keys: what a
    /// <c>certutil -L</c>, a <c>certutil -L -n</c> per nickname and a <c>certutil -K</c> told, in one open.
    /// </summary>
    /// <returns>null when the library is not available or the database does not open (the tools then read it).</returns>
    public static (List<(string Nickname, byte[] Der)> Certificates, HashSet<string> KeyIds)? Read(string database) =>
        WithDatabase<(List<(string, byte[])>, HashSet<string>)?>(database, slot => (ReadCertificates(slot), ReadKeyIds(slot)), _ => null);

    /// <summary>
    /// Opens the database and closes it again: the first open loads NSS's software token and its SQLite and reads the
    /// database's keys (tens of milliseconds), which an install made ahead of time no longer waits for.
    /// </summary>
    /// <returns>null when it opened; otherwise why not.</returns>
    public static string? Open(string database) => WithDatabase(database, _ => (string?)null, failure => failure);

    /// <summary>The database opened as a slot for <paramref name="use"/>, closed after it; one at a time in the process.</summary>
    private static T WithDatabase<T>(string database, Func<nint, T> use, Func<string, T> unavailable)
    {
        lock (Gate)
        {
            if (!(_available ??= Start()))
            {
                return unavailable("libnss3 is not available");
            }

            var slot = SECMOD_OpenUserDB(ModuleSpec(database));
            if (slot == 0)
            {
                return unavailable($"SECMOD_OpenUserDB failed (NSS error {PORT_GetError()})");
            }

            try
            {
                return use(slot);
            }
            finally
            {
                _ = SECMOD_CloseUserDB(slot);
                PK11_FreeSlot(slot);
            }
        }
    }

    private static string? InstallInto(nint slot, byte[] pkcs8, byte[] publicValue, byte[] keyId, byte[] certificate, string nickname, Action? beforeCertificate)
    {
        // The key's label is a SECItem (its length without the terminator), the certificate's a C string.
        var label = Encoding.UTF8.GetBytes(nickname + "\0");
        fixed (byte* pkcs8Bytes = pkcs8, publicBytes = publicValue, idBytes = keyId, certificateBytes = certificate, labelBytes = label)
        {
            var derKey = new SecItem(pkcs8Bytes, pkcs8.Length);
            var keyLabel = new SecItem(labelBytes, label.Length - 1);
            var publicItem = new SecItem(publicBytes, publicValue.Length);
            var idItem = new SecItem(idBytes, keyId.Length);
            var derCertificate = new SecItem(certificateBytes, certificate.Length);

            nint key;
            if (PK11_ImportDERPrivateKeyInfoAndReturnKey(slot, &derKey, &keyLabel, &publicItem, isPerm: 1, isPrivate: 1, KeyUsageAll, &key, 0) != 0 || key == 0)
            {
                return $"the key was not imported (NSS error {PORT_GetError()})";
            }

            int imported;
            try
            {
                beforeCertificate?.Invoke();
                imported = PK11_ImportDERCert(slot, &derCertificate, 0, labelBytes, includeTrust: 0);
            }
            catch
            {
                _ = PK11_DeleteTokenPrivateKey(key, force: 1);
                throw;
            }

            if (imported != 0)
            {
                var error = PORT_GetError();

                // PK11_DeleteTokenPrivateKey takes the key object with it.
                return PK11_DeleteTokenPrivateKey(key, force: 1) == 0
                    ? $"the certificate was not imported (NSS error {error}); its key was taken out again"
                    : $"the certificate was not imported (NSS error {error}); taking its key out failed too (NSS error {PORT_GetError()})";
            }

            SECKEY_DestroyPrivateKey(key);

            var found = PK11_FindKeyByKeyID(slot, &idItem, 0);
            if (found == 0)
            {
                return "the key is not in the database after its import";
            }

            SECKEY_DestroyPrivateKey(found);
            return null;
        }
    }

    // CERTCertList is a PRCList (next, prev) and an arena; each CERTCertListNode is its links, the certificate and the
    // nickname PK11_ListCertsInSlot put in appData. CERTCertificate's derCert (a SECItem) is at byte 120: NSS keeps
    // these structures' layout stable across releases (applications reach into them), checked against nss/certt.h.
    private const int NodeCertificate = 16;
    private const int NodeData = 24;
    private const int CertificateDer = 120;

    private static List<(string Nickname, byte[] Der)> ReadCertificates(nint slot)
    {
        var certificates = new List<(string, byte[])>();
        var list = PK11_ListCertsInSlot(slot);
        if (list == 0)
        {
            return certificates;
        }

        try
        {
            // Certificates of a database opened beside the internal one are named "<token>:<nickname>".
            var prefix = TokenLabel + ":";
            var head = (byte*)list;
            for (var node = *(byte**)head; node != head; node = *(byte**)node)
            {
                var certificate = *(byte**)(node + NodeCertificate);
                var der = (SecItem*)(certificate + CertificateDer);
                var nickname = Marshal.PtrToStringUTF8(*(nint*)(node + NodeData)) ?? string.Empty;
                certificates.Add((nickname.StartsWith(prefix, StringComparison.Ordinal) ? nickname[prefix.Length..] : nickname, new ReadOnlySpan<byte>(der->Data, (int)der->Length).ToArray()));
            }
        }
        finally
        {
            CERT_DestroyCertList(list);
        }

        return certificates;
    }

    private static HashSet<string> ReadKeyIds(nint slot)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var list = PK11_ListPrivKeysInSlot(slot, null, 0);
        if (list == 0)
        {
            return ids;
        }

        try
        {
            var head = (byte*)list;
            for (var node = *(byte**)head; node != head; node = *(byte**)node)
            {
                var id = PK11_GetLowLevelKeyIDForPrivateKey(*(nint*)(node + NodeCertificate));
                if (id != 0)
                {
                    ids.Add(Convert.ToHexStringLower(new ReadOnlySpan<byte>(((SecItem*)id)->Data, (int)((SecItem*)id)->Length)));
                    SECITEM_FreeItem(id, freeItem: 1);
                }
            }
        }
        finally
        {
            SECKEY_DestroyPrivateKeyList(list);
        }

        return ids;
    }

    private static bool Start()
    {
        try
        {
            return NSS_IsInitialized() != 0 || NSS_NoDB_Init(null) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }

    /// <summary>The module spec of a user database: NSS's quoting, a backslash before a quote or a backslash.</summary>
    internal static string ModuleSpec(string database) =>
        $"configdir='sql:{Quote(database)}' tokenDescription='{TokenLabel}'";

    private const string TokenLabel = "CertPlatform";

    private static string Quote(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    /// <summary>NSS's SECItem: a type (siBuffer, 0, for what we hand over), the bytes and their length.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct SecItem(byte* data, int length)
    {
        public readonly int Type = 0;
        public readonly byte* Data = data;
        public readonly uint Length = (uint)length;
    }

    [LibraryImport(Nss)]
    private static partial nint PK11_ListCertsInSlot(nint slot);

    [LibraryImport(Nss)]
    private static partial void CERT_DestroyCertList(nint list);

    [LibraryImport(Nss)]
    private static partial nint PK11_ListPrivKeysInSlot(nint slot, byte* nickname, nint context);

    [LibraryImport(Nss)]
    private static partial nint PK11_GetLowLevelKeyIDForPrivateKey(nint key);

    [LibraryImport(Nss)]
    private static partial void SECKEY_DestroyPrivateKeyList(nint list);

    [LibraryImport(Nss)]
    private static partial void SECITEM_FreeItem(nint item, int freeItem);

    [LibraryImport(Nss)]
    private static partial int NSS_IsInitialized();

    [LibraryImport(Nss, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NSS_NoDB_Init(string? configDirectory);

    [LibraryImport(Nss, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint SECMOD_OpenUserDB(string moduleSpec);

    [LibraryImport(Nss)]
    private static partial int SECMOD_CloseUserDB(nint slot);

    [LibraryImport(Nss)]
    private static partial void PK11_FreeSlot(nint slot);

    [LibraryImport(Nss)]
    private static partial int PK11_ImportDERPrivateKeyInfoAndReturnKey(
        nint slot, SecItem* derPrivateKeyInfo, SecItem* nickname, SecItem* publicValue, int isPerm, int isPrivate, uint keyUsage, nint* key, nint context);

    [LibraryImport(Nss)]
    private static partial int PK11_ImportDERCert(nint slot, SecItem* derCertificate, nuint key, byte* nickname, int includeTrust);

    [LibraryImport(Nss)]
    private static partial nint PK11_FindKeyByKeyID(nint slot, SecItem* keyId, nint context);

    [LibraryImport(Nss)]
    private static partial int PK11_DeleteTokenPrivateKey(nint key, int force);

    [LibraryImport(Nss)]
    private static partial void SECKEY_DestroyPrivateKey(nint key);

    [LibraryImport(Nss)]
    private static partial int PORT_GetError();
}
