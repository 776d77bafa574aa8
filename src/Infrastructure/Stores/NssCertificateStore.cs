using System.Formats.Asn1;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Stores;

/// <summary>
/// The NSS database (<c>sql:</c> format) that Chromium and Firefox read client certificates from on Linux. It is read
/// and a certificate goes in through NSS's own library in this process (<see cref="NssLibrary"/>: one open for every
/// certificate and key ID; the key as PKCS#8 in memory, then the certificate; no process, no file), and removals go
/// through <c>certutil</c>. Where the library cannot be loaded or <c>Store:NssLibrary</c> is false, the tools do it
/// all: <c>certutil</c> reads, and <c>pk12util</c> imports the certificate with its key as a PKCS#12 file whose friendly
/// name becomes the NSS nickname (the certificate's CN), encrypted with a random one-time password. The file lives in
/// a folder only the user can open and is deleted as soon as <c>pk12util</c> has read it; the password never touches
/// the disk (it goes through pk12util's standard input), so a crash leaves at most an encrypted file nobody can open,
/// which <see cref="SweepLeftovers"/> removes at the next start.
/// </summary>
public sealed partial class NssCertificateStore : ICertificateStore
{
    private const string FriendlyNameOid = "1.2.840.113549.1.9.20";

    // pk12util exports with PBKDF2 at 600,000 iterations (NSS 3.8x); .NET's default loader limit is lower.
    private static readonly Pkcs12LoaderLimits ExportLimits = new()
    {
        MacIterationLimit = 2_000_000,
        IndividualKdfIterationLimit = 2_000_000,
        TotalKdfIterationLimit = 10_000_000,
    };

    private readonly string _database;
    private readonly NssTools _tools;
    private readonly ILogger<NssCertificateStore> _logger;
    private readonly bool _library;
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;

    public NssCertificateStore(IOptions<StoreOptions> options, ILogger<NssCertificateStore> logger)
        : this(options.Value.ResolveNssDatabase(), options.Value.NssToolsDirectory, logger, options.Value.NssLibrary)
    {
    }

    /// <param name="database">The database folder (a Firefox profile's, or Chromium's <c>~/.pki/nssdb</c>).</param>
    /// <param name="library">Install through NSS's library when it loads (see <see cref="StoreOptions.NssLibrary"/>).</param>
    public NssCertificateStore(string database, string toolsDirectory, ILogger<NssCertificateStore> logger, bool library = true)
    {
        _database = Path.GetFullPath(database);
        _tools = new NssTools(toolsDirectory, logger);
        _logger = logger;
        _library = library && OperatingSystem.IsLinux() && NssLibrary.IsAvailable;
    }

    /// <summary>For the tests: runs inside the library install between the key's import and the certificate's.</summary>
    internal Action? BeforeCertificateImport { get; set; }

    /// <summary>Whether installs and reads go through NSS's library (it loaded) rather than pk12util and certutil.</summary>
    [SupportedOSPlatformGuard("linux")]
    public bool InstallsThroughLibrary => _library;

    public string Description => $"NSS sql:{_database}";

    public string Database => _database;

    private string DatabaseArgument => $"sql:{_database}";

    /// <summary>Every certificate in the database, without keys (see <see cref="HoldsPrivateKeyOf"/>).</summary>
    public IReadOnlyList<X509Certificate2> List()
    {
        lock (_gate)
        {
            return [.. Current().Entries.Select(e => new X509Certificate2(e.Certificate))];
        }
    }

    /// <summary>
    /// Opens the database through the library once, then reads it: in that order, since NSS's open touches the
    /// database files and a read before it would be read again at the install.
    /// </summary>
    public void WarmUp()
    {
        lock (_gate)
        {
            EnsureDatabase();
            if (InstallsThroughLibrary && NssLibrary.Open(_database) is { } failure)
            {
                _logger.LogDebug("NSS could not open {Database} ahead: {Reason}", _database, failure);
            }

            _ = Current();
        }
    }

    public bool HoldsPrivateKeyOf(X509Certificate2 certificate)
    {
        lock (_gate)
        {
            return KeyId(certificate) is { } id && Current().KeyIds.Contains(id);
        }
    }

    /// <summary>The certificate, with its private key when the database holds it (read out through a one-time PKCS#12).</summary>
    public X509Certificate2? Find(string thumbprint)
    {
        lock (_gate)
        {
            var snapshot = Current();
            var match = snapshot.Entries.FirstOrDefault(e => string.Equals(e.Certificate.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                return null;
            }

            if (KeyId(match.Certificate) is not { } id || !snapshot.KeyIds.Contains(id))
            {
                return new X509Certificate2(match.Certificate);
            }

            return Export(match.Nickname, match.Certificate.Thumbprint) ?? new X509Certificate2(match.Certificate);
        }
    }

    public void Add(X509Certificate2 certificateWithKey)
    {
        if (!certificateWithKey.HasPrivateKey)
        {
            throw new ArgumentException("Only a certificate with its private key is installed.", nameof(certificateWithKey));
        }

        lock (_gate)
        {
            var nickname = NicknameFor(certificateWithKey, Current().Entries);
            if (InstallsThroughLibrary)
            {
                AddThroughLibrary(certificateWithKey, nickname);
                return;
            }

            using var folder = OneTimeFolder.Create();
            var password = OneTimePassword();
            var pkcs12File = folder.Write("certificate.p12", Pkcs12(certificateWithKey, nickname, password));

            try
            {
                _tools.RunWithInputOrFail("pk12util", password, ["-i", pkcs12File, "-d", DatabaseArgument, "-w", "/dev/stdin", "-k", "/dev/null"]);
            }
            catch (CertPlatformException)
            {
                // A key without its certificate must not stay behind (a database another program locked half way).
                RemoveOrphanedKey(certificateWithKey);
                throw;
            }

            folder.Dispose();

            if (KeyId(certificateWithKey) is not { } id || !ReadKeyIds(nickname).Contains(id))
            {
                _logger.LogError(new EventId(2304, "NssKeyMissing"), "pk12util reported success but the key of {Thumbprint} is not in {Database}", certificateWithKey.Thumbprint, _database);
                throw new CertPlatformException(ErrorCatalog.G231e);
            }

            _logger.LogInformation(new EventId(2305, "NssCertificateAdded"), "Added {Thumbprint} as {Nickname} to {Database}", certificateWithKey.Thumbprint, nickname, _database);
            Adopt(nickname, certificateWithKey, id);
        }
    }

    public void Remove(string thumbprint)
    {
        lock (_gate)
        {
            var entries = Current().Entries;
            foreach (var entry in entries.Where(e => string.Equals(e.Certificate.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase)))
            {
                // The key first (by its id, so another certificate's key under the same nickname stays), then the certificate.
                if (KeyId(entry.Certificate) is { } id && ReadKeyIds().Contains(id))
                {
                    _tools.RunOrFail("certutil", "-F", "-d", DatabaseArgument, "-k", id);
                }

                _tools.RunOrFail("certutil", "-D", "-d", DatabaseArgument, "-n", entry.Nickname);
                _logger.LogInformation(new EventId(2306, "NssCertificateRemoved"), "Removed {Thumbprint} ({Nickname}) from {Database}", entry.Certificate.Thumbprint, entry.Nickname, _database);
            }

            // certutil -D removes every certificate of the nickname: read the database again at the next call.
            _snapshot = _snapshot is { } kept ? kept with { Stamp = string.Empty } : null;
        }
    }

    [SupportedOSPlatform("linux")]
    private void AddThroughLibrary(X509Certificate2 certificateWithKey, string nickname)
    {
        var publicValue = PublicValue(certificateWithKey) ?? throw new NotSupportedException("Only RSA and ECDSA keys are installed.");
        var keyId = SHA1.HashData(publicValue);
        byte[] pkcs8;
        using (AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificateWithKey.GetRSAPrivateKey() ?? certificateWithKey.GetECDsaPrivateKey()
            ?? throw new NotSupportedException("Only RSA and ECDSA keys are installed."))
        {
            pkcs8 = key.ExportPkcs8PrivateKey();
        }

        string? failure;
        try
        {
            failure = NssLibrary.Install(_database, pkcs8, publicValue, keyId, certificateWithKey.RawData, nickname, BeforeCertificateImport);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        if (failure is not null)
        {
            _logger.LogError(new EventId(2311, "NssLibraryInstallFailed"), "NSS did not install {Thumbprint} into {Database}: {Reason}", certificateWithKey.Thumbprint, _database, failure);
            throw new CertPlatformException(ErrorCatalog.G231e);
        }

        _logger.LogInformation(new EventId(2305, "NssCertificateAdded"), "Added {Thumbprint} as {Nickname} to {Database}", certificateWithKey.Thumbprint, nickname, _database);
        Adopt(nickname, certificateWithKey, Convert.ToHexStringLower(keyId));
    }

    private void RemoveOrphanedKey(X509Certificate2 certificate)
    {
        try
        {
            if (KeyId(certificate) is { } id && ReadKeyIds().Contains(id)
                && !Current().Entries.Any(e => string.Equals(e.Certificate.Thumbprint, certificate.Thumbprint, StringComparison.OrdinalIgnoreCase)))
            {
                _tools.RunOrFail("certutil", "-F", "-d", DatabaseArgument, "-k", id);
                _logger.LogWarning(new EventId(2308, "NssOrphanedKeyRemoved"), "Removed the key of {Thumbprint} from {Database}: its certificate was not imported", certificate.Thumbprint, _database);
            }
        }
        catch (CertPlatformException)
        {
            _logger.LogWarning(new EventId(2309, "NssOrphanedKeyUnchecked"), "Could not check {Database} for a key left without its certificate", _database);
        }
    }

    /// <summary>NSS's CKA_ID for a key: SHA-1 of the RSA modulus or of the EC public point, as <c>certutil -K</c> prints it.</summary>
    internal static string? KeyId(X509Certificate2 certificate) =>
        PublicValue(certificate) is { } value ? Convert.ToHexStringLower(SHA1.HashData(value)) : null;

    /// <summary>What NSS hashes into CKA_ID: the RSA modulus, or the uncompressed EC point (04 || X || Y).</summary>
    private static byte[]? PublicValue(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null)
        {
            return rsa.ExportParameters(false).Modulus!;
        }

        using var ecdsa = certificate.GetECDsaPublicKey();
        if (ecdsa is not null)
        {
            var point = ecdsa.ExportParameters(false).Q;
            return [0x04, .. point.X!, .. point.Y!];
        }

        return null;
    }

    private void EnsureDatabase()
    {
        if (File.Exists(Path.Combine(_database, "cert9.db")))
        {
            return;
        }

        PrivateFiles.CreateDirectory(_database);
        _tools.RunOrFail("certutil", "-N", "-d", DatabaseArgument, "--empty-password");
        _logger.LogInformation(new EventId(2307, "NssDatabaseCreated"), "Created the NSS database {Database}", _database);
    }

    /// <summary>
    /// The database as last read (its certificates and which keys it holds), read again when <c>cert9.db</c> or
    /// <c>key4.db</c> changed (size or time; another program's change too). Through the tools reading costs a
    /// <c>certutil</c> run per nickname: 1,000 certificates were 1,000 processes for every list the page polls.
    /// Held under <c>_gate</c>.
    /// </summary>
    private Snapshot Current()
    {
        EnsureDatabase();
        var stamp = Stamp();
        if (_snapshot is { } kept && kept.Stamp == stamp)
        {
            return kept;
        }

        var read = (InstallsThroughLibrary ? ReadThroughLibrary(stamp) : null) ?? new Snapshot(stamp, ReadEntries(), ReadKeyIds());
        foreach (var old in _snapshot?.Entries ?? [])
        {
            old.Certificate.Dispose();
        }

        _snapshot = read;
        return read;
    }

    /// <summary>
    /// Our own add changed the database: the snapshot takes the change instead of reading every nickname again (what
    /// made each issuance cost more with every certificate before it). It was current just before the add.
    /// </summary>
    private void Adopt(string nickname, X509Certificate2 added, string keyId)
    {
        if (_snapshot is not { } kept)
        {
            return;
        }

        if (!kept.Entries.Any(e => e.Certificate.Thumbprint == added.Thumbprint))
        {
            kept.Entries.Add(new NssEntry(nickname, X509CertificateLoader.LoadCertificate(added.RawData)));
        }

        kept.KeyIds.Add(keyId);
        _snapshot = kept with { Stamp = Stamp() };
    }

    private string Stamp() => FileStamp.Of(new[] { "cert9.db", "key4.db" }.Select(name => new FileInfo(Path.Combine(_database, name))));

    private sealed record Snapshot(string Stamp, List<NssEntry> Entries, HashSet<string> KeyIds);

    /// <summary>The database read in this process (one open instead of a certutil run per nickname); null: the tools read it.</summary>
    [SupportedOSPlatform("linux")]
    private Snapshot? ReadThroughLibrary(string stamp)
    {
        if (NssLibrary.Read(_database) is not { } contents)
        {
            return null;
        }

        return new Snapshot(stamp, [.. contents.Certificates.Select(c => new NssEntry(c.Nickname, X509CertificateLoader.LoadCertificate(c.Der)))], contents.KeyIds);
    }

    private List<NssEntry> ReadEntries()
    {
        var entries = new List<NssEntry>();
        foreach (var nickname in ReadNicknames())
        {
            var result = _tools.RunOrFail("certutil", "-L", "-d", DatabaseArgument, "-n", nickname, "-a");
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPem(result.Output);
            entries.AddRange(certificates.Select(c => new NssEntry(nickname, c)));
        }

        return entries;
    }

    private List<string> ReadNicknames()
    {
        var result = _tools.RunOrFail("certutil", "-L", "-d", DatabaseArgument);
        return [.. result.Output.Split('\n')
            .Select(line => NicknameLine().Match(line.TrimEnd('\r')))
            .Where(m => m.Success)
            .Select(m => m.Groups["nickname"].Value)
            .Distinct(StringComparer.Ordinal)];
    }

    /// <param name="nickname">Only the keys of this nickname's certificates: one lookup instead of every key listed.</param>
    private HashSet<string> ReadKeyIds(string? nickname = null)
    {
        // With no key at all certutil -K says "no keys found" and exits with 255: an empty set, not a failure.
        var result = nickname is null
            ? _tools.Run("certutil", "-K", "-d", DatabaseArgument, "-f", "/dev/null")
            : _tools.Run("certutil", "-K", "-d", DatabaseArgument, "-f", "/dev/null", "-n", nickname);
        return [.. result.Output.Split('\n')
            .Select(line => KeyLine().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups["id"].Value.ToLowerInvariant())];
    }

    private X509Certificate2? Export(string nickname, string thumbprint)
    {
        using var folder = OneTimeFolder.Create();
        var password = OneTimePassword();
        var pkcs12File = Path.Combine(folder.Path, "export.p12");
        _tools.RunWithInputOrFail("pk12util", password, ["-o", pkcs12File, "-n", nickname, "-d", DatabaseArgument, "-w", "/dev/stdin", "-k", "/dev/null"]);

        var exported = X509CertificateLoader.LoadPkcs12Collection(File.ReadAllBytes(pkcs12File), password, X509KeyStorageFlags.DefaultKeySet, ExportLimits);
        X509Certificate2? found = null;
        foreach (var certificate in exported)
        {
            if (found is null && certificate.HasPrivateKey && string.Equals(certificate.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase))
            {
                found = certificate;
            }
            else
            {
                certificate.Dispose();
            }
        }

        return found;
    }

    /// <summary>NSS wants one nickname per subject: the CN, unless another subject already uses it.</summary>
    private static string NicknameFor(X509Certificate2 certificate, IReadOnlyList<NssEntry> entries)
    {
        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var nickname = string.IsNullOrWhiteSpace(commonName) ? certificate.Thumbprint : commonName.Trim();
        var taken = entries.Any(e => e.Nickname == nickname && !e.Certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.SubjectName.RawData));
        return taken ? $"{nickname} ({certificate.Thumbprint[..8]})" : nickname;
    }

    private static string OneTimePassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    private static byte[] Pkcs12(X509Certificate2 certificate, string friendlyName, string password)
    {
        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey()
            ?? throw new NotSupportedException("Only RSA and ECDSA keys are installed.");
        var protection = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000);
        var localKeyId = new Pkcs9LocalKeyId(certificate.GetCertHash());
        var name = FriendlyName(friendlyName);

        var keys = new Pkcs12SafeContents();
        var keyBag = keys.AddShroudedKey(key, password, protection);
        keyBag.Attributes.Add(localKeyId);
        keyBag.Attributes.Add(name);

        var certificates = new Pkcs12SafeContents();
        using var publicPart = X509CertificateLoader.LoadCertificate(certificate.RawData);
        var certificateBag = certificates.AddCertificate(publicPart);
        certificateBag.Attributes.Add(localKeyId);
        certificateBag.Attributes.Add(name);

        var builder = new Pkcs12Builder();
        builder.AddSafeContentsUnencrypted(keys);
        builder.AddSafeContentsEncrypted(certificates, password, protection);
        builder.SealWithMac(password, HashAlgorithmName.SHA256, 10_000);
        return builder.Encode();
    }

    private static AsnEncodedData FriendlyName(string name)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.BMPString, name);
        return new AsnEncodedData(new Oid(FriendlyNameOid), writer.Encode());
    }

    // "demo01 A001 20261126...        u,u,u": the nickname, then the trust flags (SSL,S/MIME,JAR/XPI).
    [GeneratedRegex(@"^(?<nickname>\S.*?)\s+(?<trust>[A-Za-z]*,[A-Za-z]*,[A-Za-z]*)\s*$")]
    private static partial Regex NicknameLine();

    // "< 0> rsa      52067f16c08a156ff2530f6d4d560aa5ecab1ec1   demo01 A001 2025"
    [GeneratedRegex(@"^<\s*\d+>\s+\S+\s+(?<id>[0-9A-Fa-f]+)\b")]
    private static partial Regex KeyLine();

    private sealed record NssEntry(string Nickname, X509Certificate2 Certificate);

    /// <summary>The prefix of the one-time folders in the temporary folder.</summary>
    internal const string OneTimeFolderPrefix = "certplatform-nss-";

    /// <summary>
    /// Removes the one-time folders that earlier runs left behind (a crash between writing and deleting): those of
    /// this user older than <paramref name="olderThan"/>, so a second helper's folder in use right now stays.
    /// </summary>
    /// <returns>How many were removed.</returns>
    public static int SweepLeftovers(TimeSpan olderThan, ILogger logger, string? temporaryFolder = null)
    {
        var removed = 0;
        var cutoff = DateTime.UtcNow - olderThan;
        foreach (var folder in new DirectoryInfo(temporaryFolder ?? System.IO.Path.GetTempPath()).EnumerateDirectories(OneTimeFolderPrefix + "*"))
        {
            try
            {
                if (folder.LastWriteTimeUtc > cutoff || (!OperatingSystem.IsWindows() && folder.UnixFileMode != (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)))
                {
                    continue;
                }

                folder.Delete(recursive: true);
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another user's folder, or one in use: not ours to remove.
            }
        }

        if (removed > 0)
        {
            logger.LogWarning(new EventId(2310, "NssLeftoversRemoved"), "Removed {Count} one-time NSS folders that earlier runs left in the temporary folder", removed);
        }

        return removed;
    }

    /// <summary>A folder only the user can open (mode 0700), deleted with everything in it.</summary>
    private sealed class OneTimeFolder : IDisposable
    {
        private OneTimeFolder(string path) => Path = path;

        public string Path { get; }

        public static OneTimeFolder Create() => new(Directory.CreateTempSubdirectory(OneTimeFolderPrefix).FullName);

        public string Write(string name, ReadOnlySpan<byte> content)
        {
            var file = System.IO.Path.Combine(Path, name);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(file, options);
            stream.Write(content);
            return file;
        }

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
