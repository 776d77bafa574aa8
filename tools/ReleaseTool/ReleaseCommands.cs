using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;

namespace CertPlatform.ReleaseTool;

/// <summary>
/// The bank's release pipeline side of the update feed: make the feed key pair, write and sign manifest.json for
/// a release's packages, and check a signed manifest the way the helper does. Exit codes: 0 done, 1 a manifest or
/// package does not verify, 2 a usage or input error.
/// </summary>
public static class ReleaseCommands
{
    public const string PrivateKeyFile = "feed-signing-key.pem";
    public const string PublicKeyFile = "feed-public-key.pem";
    public const string ManifestFile = "manifest.json";

    private const string Usage = """
        certplatform-release: keys and signed manifests for the CertPlatform update feed

          keygen [--out <dir>] [--in-work-tree yes]
              Writes feed-signing-key.pem (ECDSA P-256, PKCS#8; keep it offline) and feed-public-key.pem
              (SubjectPublicKeyInfo; pin it in the helper as Updates:PublicKeyPem or Updates:PublicKeyPath).
              Without --out: the user's configuration folder (~/.config/certplatform-release/keys on Linux).
              A folder inside a git work tree is refused (a private key must never be committed) unless
              --in-work-tree yes says it is a throwaway key in an ignored folder.

          sign --key <feed-signing-key.pem> --version <semver> --out <dir>
               --package <file> --url <url> --rid <rid>   (repeat the three for each platform)
               --notes-ja <text> --notes-en <text> [--min-version <semver>] [--expires-days <1-365, default 30>]
              Writes manifest.json and manifest.json.sig (base64 DER ECDSA-SHA256 over manifest.json's bytes).

          verify --key <feed-public-key.pem> --manifest <manifest.json> [--signature <manifest.json.sig>]
                 [--package <file> --rid <rid>]
              Checks the signature, the format and the expiry, and a package's size and SHA-256.

        By hand with OpenSSL:
          base64 -d manifest.json.sig > sig.der
          openssl dgst -sha256 -verify feed-public-key.pem -signature sig.der manifest.json
        """;

    /// <param name="defaultKeys">Where keygen writes without --out; the user's configuration folder unless a test says.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider time, string? defaultKeys = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return args switch
            {
                ["keygen", .. var rest] => Keygen(ToolArguments.Parse(rest, new HashSet<string> { "out", "in-work-tree" }), output, defaultKeys ?? DefaultKeysFolder()),
                ["sign", .. var rest] => Sign(
                    ToolArguments.Parse(rest, new HashSet<string> { "key", "version", "out", "package", "url", "rid", "notes-ja", "notes-en", "min-version", "expires-days" }),
                    output, time),
                ["verify", .. var rest] => Verify(
                    ToolArguments.Parse(rest, new HashSet<string> { "key", "manifest", "signature", "package", "rid" }), output, error, time),
                ["--help" or "-h" or "help"] => Help(output),
                _ => throw new UsageException("Give a command: keygen, sign or verify."),
            };
        }
        catch (UsageException ex)
        {
            error.WriteLine(ex.Message);
            error.WriteLine();
            error.WriteLine(Usage);
            return 2;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            error.WriteLine(ex.Message);
            return 2;
        }
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return 0;
    }

    private static int Keygen(ToolArguments arguments, TextWriter output, string defaultKeys)
    {
        var directory = Path.GetFullPath(arguments.Optional("out") ?? defaultKeys);
        var allowWorkTree = arguments.Optional("in-work-tree") switch
        {
            null or "no" => false,
            "yes" => true,
            var other => throw new UsageException($"--in-work-tree takes yes or no, not '{other}'."),
        };
        if (!allowWorkTree && WorkTreeOf(directory) is { } workTree)
        {
            throw new UsageException(
                $"{directory} is inside the git work tree {workTree}: a feed signing key there is one 'git add' away from being published. " +
                "Give an --out outside it (or leave --out away for the user's configuration folder).");
        }

        var privatePath = Path.Combine(directory, PrivateKeyFile);
        var publicPath = Path.Combine(directory, PublicKeyFile);
        if (File.Exists(privatePath) || File.Exists(publicPath))
        {
            // Replacing the feed key strands every installed helper that pins the old one.
            throw new UsageException($"{directory} already holds a feed key; move it away first.");
        }

        Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        WriteNew(privatePath, key.ExportPkcs8PrivateKeyPem(), secret: true);
        WriteNew(publicPath, key.ExportSubjectPublicKeyInfoPem(), secret: false);
        output.WriteLine($"Wrote {privatePath} (keep it secret, offline) and {publicPath}.");
        output.WriteLine("Pin the public key in the helper's configuration as Updates:PublicKeyPem (or Updates:PublicKeyPath):");
        output.WriteLine(key.ExportSubjectPublicKeyInfoPem());
        return 0;
    }

    private static int Sign(ToolArguments arguments, TextWriter output, TimeProvider time)
    {
        using var key = ManifestSignature.ImportPrivateKey(File.ReadAllText(arguments.Required("key")));
        var version = ParseVersion(arguments.Required("version"), "--version");
        var minimum = arguments.Optional("min-version") is { } min ? ParseVersion(min, "--min-version") : null;
        if (minimum > version)
        {
            throw new UsageException("--min-version is above --version: no helper could ever satisfy it.");
        }

        var days = arguments.Optional("expires-days") ?? "30";
        if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresDays) || expiresDays is < 1 or > 365)
        {
            throw new UsageException("--expires-days must be a whole number from 1 to 365.");
        }

        var now = time.GetUtcNow();
        var releaseDate = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var manifest = new UpdateManifest(
            version,
            releaseDate,
            releaseDate.AddDays(expiresDays),
            minimum,
            Packages(arguments),
            new LocalizedText(arguments.Required("notes-ja"), arguments.Required("notes-en")));

        var bytes = UpdateManifestJson.Write(manifest);
        UpdateManifestJson.Parse(bytes); // what the helper will read back; a mistake here must not be signed
        var signature = ManifestSignature.Sign(bytes, key);

        var directory = arguments.Required("out");
        Directory.CreateDirectory(directory);
        var manifestPath = Path.Combine(directory, ManifestFile);
        File.WriteAllBytes(manifestPath, bytes);
        File.WriteAllBytes(manifestPath + ManifestSignature.FileSuffix, signature);
        output.WriteLine($"Signed {manifestPath} for version {version} ({manifest.Packages.Count} package(s)), valid until {manifest.ExpiresAt:yyyy-MM-dd'T'HH:mm:ss'Z'}.");
        return 0;
    }

    private static int Verify(ToolArguments arguments, TextWriter output, TextWriter error, TimeProvider time)
    {
        using var key = ManifestSignature.ImportPublicKey(File.ReadAllText(arguments.Required("key")));
        var manifestPath = arguments.Required("manifest");
        var signaturePath = arguments.Optional("signature") ?? manifestPath + ManifestSignature.FileSuffix;
        var bytes = File.ReadAllBytes(manifestPath);
        var signature = File.Exists(signaturePath) ? File.ReadAllBytes(signaturePath) : [];

        var check = ManifestSignature.Verify(bytes, signature, key);
        if (check != SignatureCheck.Valid)
        {
            error.WriteLine(check == SignatureCheck.Missing
                ? $"NOT VERIFIED: {signaturePath} is missing or empty."
                : $"NOT VERIFIED: the signature does not match {manifestPath} with this key.");
            return 1;
        }

        UpdateManifest manifest;
        try
        {
            manifest = UpdateManifestJson.Parse(bytes);
        }
        catch (FormatException ex)
        {
            error.WriteLine($"NOT VERIFIED: the signed manifest is not usable: {ex.Message}");
            return 1;
        }

        if (manifest.IsExpiredAt(time.GetUtcNow()))
        {
            error.WriteLine($"NOT VERIFIED: the manifest expired at {manifest.ExpiresAt:yyyy-MM-dd'T'HH:mm:ss'Z'}.");
            return 1;
        }

        if (arguments.Optional("package") is { } packagePath)
        {
            var rid = arguments.Required("rid");
            var expected = manifest.PackageFor(rid);
            if (expected is null)
            {
                error.WriteLine($"NOT VERIFIED: the manifest has no package for {rid}.");
                return 1;
            }

            var (size, sha256) = Measure(packagePath);
            if (size != expected.Size || !string.Equals(sha256, expected.Sha256, StringComparison.Ordinal))
            {
                error.WriteLine($"NOT VERIFIED: {packagePath} is {size} bytes with SHA-256 {sha256}; the manifest says {expected.Size} bytes, {expected.Sha256}.");
                return 1;
            }
        }

        output.WriteLine($"VERIFIED: version {manifest.Version}, released {manifest.ReleaseDate:yyyy-MM-dd}, valid until " +
            $"{manifest.ExpiresAt:yyyy-MM-dd'T'HH:mm:ss'Z'}, minimum supported {manifest.MinimumSupportedVersion?.ToString() ?? "(none)"}, " +
            $"packages: {string.Join(", ", manifest.Packages.Keys.Order(StringComparer.Ordinal))}.");
        return 0;
    }

    private static Dictionary<string, UpdatePackage> Packages(ToolArguments arguments)
    {
        var files = arguments.All("package");
        var urls = arguments.All("url");
        var rids = arguments.All("rid");
        if (files.Count == 0 || files.Count != urls.Count || files.Count != rids.Count)
        {
            throw new UsageException("Give --package, --url and --rid once for each platform, in the same order.");
        }

        var packages = new Dictionary<string, UpdatePackage>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            if (!UpdateManifestJson.IsRid(rids[i]))
            {
                throw new UsageException($"'{rids[i]}' is not a runtime identifier such as win-x64, linux-x64 or osx-arm64.");
            }

            if (!Uri.TryCreate(urls[i], UriKind.RelativeOrAbsolute, out var url) || !UpdateManifestJson.IsAllowedPackageUrl(url))
            {
                throw new UsageException($"'{urls[i]}' is not an https URL or a path relative to the manifest.");
            }

            var (size, sha256) = Measure(files[i]);
            if (size == 0 || !packages.TryAdd(rids[i], new UpdatePackage(url, size, sha256)))
            {
                throw new UsageException($"The package for {rids[i]} is empty or given twice.");
            }
        }

        return packages;
    }

    private static (long Size, string Sha256) Measure(string path)
    {
        using var file = File.OpenRead(path);
        return (file.Length, Convert.ToHexStringLower(SHA256.HashData(file)));
    }

    private static string DefaultKeysFolder() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "certplatform-release", "keys");

    /// <summary>The folder holding <c>.git</c> (a folder, or the file of a worktree or submodule) at or above <paramref name="directory"/>.</summary>
    private static string? WorkTreeOf(string directory)
    {
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
        {
            var git = Path.Combine(folder.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    private static SemanticVersion ParseVersion(string text, string option) =>
        SemanticVersion.TryParse(text, out var version) ? version : throw new UsageException($"{option} '{text}' is not a semantic version (MAJOR.MINOR.PATCH).");

    private static void WriteNew(string path, string content, bool secret)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(Encoding.ASCII.GetBytes(content + "\n"));
    }
}
