using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Keys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Stores;

/// <summary>
/// The .NET user certificate store: CurrentUser\My on Windows (what Edge and Chrome read), the login keychain
/// on macOS, and the .NET user store on Linux. The store is opened per call, so no handle outlives a request.
/// <para>
/// On Linux the .NET store is a folder of PKCS#12 files (<c>~/.dotnet/corefx/cryptography/x509stores/&lt;name&gt;</c>),
/// and a crash while one is written leaves it at 0 bytes: invisible to the store, never replaced (the next add of the
/// same certificate writes <c>&lt;thumbprint&gt;.1.pfx</c> beside it), there forever. Such files are removed on each
/// list and add; the pending-install record (<see cref="HelperRecords"/>) then adds the certificate again.
/// </para>
/// <para>
/// There, too, reading the store loads every file with its private key (a PKCS#12 decryption each): 1,000 certificates
/// cost about a second per list, and the page polls the list. So on Linux the list is read once and kept (the
/// certificates without their keys, and which had one) until a file of the store changes (name, size or time), and
/// handed out as public-only copies; <see cref="HoldsPrivateKeyOf"/> answers from it.
/// </para>
/// </summary>
public sealed class X509CertificateStore(IOptions<StoreOptions> options, ILogger<X509CertificateStore>? logger = null) : ICertificateStore
{
    private readonly string _name = options.Value.Name;
    private readonly ILogger _logger = logger ?? NullLogger<X509CertificateStore>.Instance;
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;

    public string Description => $"X509Store CurrentUser\\{_name}";

    public IReadOnlyList<X509Certificate2> List()
    {
        if (LinuxStoreDirectory is not { } directory)
        {
            using var store = Open(OpenFlags.ReadOnly);
            return [.. store.Certificates];
        }

        // Copies share the kept certificate's native object (a reference, not a parse): the caller disposes its copy.
        // They are taken under the lock that a newer snapshot disposes the old certificates under.
        Refresh(directory);
        lock (_gate)
        {
            return [.. _snapshot!.Entries.Select(e => new X509Certificate2(e))];
        }
    }

    public bool HoldsPrivateKeyOf(X509Certificate2 certificate)
    {
        if (certificate.HasPrivateKey)
        {
            return true;
        }

        lock (_gate)
        {
            return _snapshot?.WithKey.Contains(certificate.Thumbprint) ?? false;
        }
    }

    public X509Certificate2? Find(string thumbprint)
    {
        using var store = Open(OpenFlags.ReadOnly);
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
        var first = found.Count > 0 ? found[0] : null;
        for (var i = 1; i < found.Count; i++)
        {
            found[i].Dispose();
        }

        return first;
    }

    public void Add(X509Certificate2 certificateWithKey)
    {
        if (!certificateWithKey.HasPrivateKey)
        {
            throw new ArgumentException("Only a certificate with its private key is installed.", nameof(certificateWithKey));
        }

        RemoveEmptyFiles();
        using var store = Open(OpenFlags.ReadWrite);
        Keychain(() => store.Add(certificateWithKey));
    }

    /// <summary>
    /// Removes the certificate, then (Windows) the CNG key this helper made for it: the store forgets only the
    /// certificate, and the key would stay in the user's key storage for good. The certificate goes first: a key
    /// left behind is useless, a certificate left without its key is not.
    /// </summary>
    public void Remove(string thumbprint)
    {
        using var store = Open(OpenFlags.ReadWrite);
        foreach (var certificate in store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false))
        {
            using (certificate)
            {
                Keychain(() => store.Remove(certificate));
                if (OperatingSystem.IsWindows())
                {
                    DeleteOwnKey(certificate);
                }
            }
        }
    }

    [SupportedOSPlatform("windows")]
    private void DeleteOwnKey(X509Certificate2 certificate)
    {
        if (!certificate.HasPrivateKey)
        {
            return;
        }

        try
        {
            using AsymmetricAlgorithm? key = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey();
            var cng = key switch
            {
                RSACng rsa => rsa.Key,
                ECDsaCng ec => ec.Key,
                _ => null,
            };
            if (cng?.KeyName is { } name && name.StartsWith(PlatformKeyFactory.KeyNamePrefix, StringComparison.Ordinal))
            {
                cng.Delete();
                _logger.LogInformation(new EventId(2321, "KeyDeleted"), "Deleted key {KeyName} of removed certificate {Thumbprint}", name, certificate.Thumbprint);
            }
            else
            {
                cng?.Dispose();
            }
        }
        catch (CryptographicException ex)
        {
            _logger.LogWarning(new EventId(2322, "KeyDeleteFailed"), ex, "The key of removed certificate {Thumbprint} could not be deleted", certificate.Thumbprint);
        }
    }

    /// <summary>
    /// macOS: a locked login keychain answers errSecInteractionNotAllowed ("User interaction is not allowed") when the
    /// helper runs without a session that can ask for the password. The user can act on that: G233e says how.
    /// </summary>
    private static void Keychain(Action action)
    {
        try
        {
            action();
        }
        catch (CryptographicException ex) when (KeychainLocked(ex))
        {
            throw new CertPlatformException(ErrorCatalog.G233e, innerException: ex);
        }
    }

    /// <summary>errSecInteractionNotAllowed (-25308), as .NET reports it on macOS.</summary>
    internal static bool KeychainLocked(CryptographicException ex) =>
        OperatingSystem.IsMacOS() && (ex.HResult == ErrSecInteractionNotAllowed
            || ex.Message.Contains("User interaction is not allowed", StringComparison.OrdinalIgnoreCase));

    private const int ErrSecInteractionNotAllowed = -25308;

    /// <summary>The folder .NET keeps this store in on Linux; null elsewhere.</summary>
    internal string? LinuxStoreDirectory => OperatingSystem.IsLinux()
        ? Path.Combine(Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            ".dotnet", "corefx", "cryptography", "x509stores", _name.ToLowerInvariant())
        : null;

    /// <summary>Keeps the store as last read, or reads it again when a file of it changed.</summary>
    private void Refresh(string directory)
    {
        var stamp = StampOf(directory);
        lock (_gate)
        {
            if (_snapshot?.Stamp == stamp)
            {
                return;
            }
        }

        using var store = Open(OpenFlags.ReadOnly);
        var entries = new List<X509Certificate2>();
        var withKey = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var certificate in store.Certificates)
        {
            using (certificate)
            {
                entries.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
                if (certificate.HasPrivateKey)
                {
                    withKey.Add(certificate.Thumbprint);
                }
            }
        }

        var read = new Snapshot(stamp, entries, withKey);
        lock (_gate)
        {
            // The copies handed out hold their own reference: the old certificates can go.
            foreach (var old in _snapshot?.Entries ?? [])
            {
                old.Dispose();
            }

            _snapshot = read;
        }
    }

    /// <summary>
    /// Every file's name, size and time: what changes when .NET adds, replaces or removes one. A file that a cut-off
    /// write left at 0 bytes is removed on the way.
    /// </summary>
    private string StampOf(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return string.Empty;
        }

        var files = new DirectoryInfo(directory).EnumerateFiles("*.pfx").OrderBy(f => f.Name, StringComparer.Ordinal).ToLookup(f => f.Length > 0);
        foreach (var empty in files[false])
        {
            RemoveEmpty(empty);
        }

        return FileStamp.Of(files[true]);
    }

    private sealed record Snapshot(string Stamp, IReadOnlyList<X509Certificate2> Entries, HashSet<string> WithKey);

    private void RemoveEmptyFiles()
    {
        if (LinuxStoreDirectory is { } directory)
        {
            StampOf(directory);
        }
    }

    private void RemoveEmpty(FileInfo file)
    {
        file.Delete();
        _logger.LogWarning(new EventId(2320, "EmptyStoreFileRemoved"), "Removed {File}: 0 bytes, left by a write that was cut off", file.FullName);
    }

    private X509Store Open(OpenFlags flags)
    {
        var store = new X509Store(_name, StoreLocation.CurrentUser);
        try
        {
            Keychain(() => store.Open(flags));
        }
        catch
        {
            store.Dispose();
            throw;
        }

        return store;
    }
}
