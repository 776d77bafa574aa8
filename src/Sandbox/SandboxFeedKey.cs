using System.Security.Cryptography;
using System.Text;
using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Sandbox;

/// <summary>
/// The sandbox update feed's signing key: created on first use in the data folder (<c>sandbox/update-feed.key</c>,
/// only the user can read it, and <c>update-feed.pub.pem</c> beside it) and reused after. Broken key material never
/// makes a new key without a word: the versions installed from this feed pin the old public key and would refuse
/// every manifest signed after. A missing, unreadable or mismatched key refuses the start (<see cref="StartupRefusal"/>).
/// </summary>
public sealed class SandboxFeedKey : IDisposable
{
    private readonly HelperPaths _paths;
    private readonly ILogger<SandboxFeedKey> _logger;
    private readonly Lazy<ECDsa> _key;

    public SandboxFeedKey(HelperPaths paths, ILogger<SandboxFeedKey> logger)
    {
        _paths = paths;
        _logger = logger;
        _key = new Lazy<ECDsa>(LoadOrCreate);
    }

    public string KeyPath => Path.Combine(_paths.SandboxDirectory, "update-feed.key");

    public string PublicKeyPath => Path.Combine(_paths.SandboxDirectory, "update-feed.pub.pem");

    /// <summary>The public key to pin, checked against the private key it must belong to.</summary>
    public string PublicKeyPem => _key.Value.ExportSubjectPublicKeyInfoPem();

    /// <summary>Whether a key was made before (then it must be readable; a first start makes one).</summary>
    public bool Exists => File.Exists(KeyPath) || File.Exists(PublicKeyPath);

    /// <summary>Reads the key now (and its public half), so that a broken key refuses the start instead of the first update check.</summary>
    public void EnsureReadable() => _ = _key.Value;

    public byte[] Sign(ReadOnlySpan<byte> manifest) => ManifestSignature.Sign(manifest, _key.Value);

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }

    private static StartupRefusal Refusal(string what) => new(
        $"The sandbox update feed key cannot be used: {what}. No new key is made, which versions installed from this feed would refuse. " +
        "Restore the files, or start once with --Sandbox:Reset=true to move the sandbox folder aside and begin a new sandbox.");

    private ECDsa LoadOrCreate()
    {
        var haveKey = File.Exists(KeyPath);
        var havePublicKey = File.Exists(PublicKeyPath);
        if (haveKey)
        {
            ECDsa existing;
            try
            {
                existing = ManifestSignature.ImportPrivateKey(File.ReadAllText(KeyPath));
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException)
            {
                throw Refusal($"{KeyPath} cannot be read as a private key");
            }

            var publicPem = existing.ExportSubjectPublicKeyInfoPem();
            if (!havePublicKey)
            {
                // The public half is derived from the key: writing it again loses nothing.
                PrivateFiles.WriteAtomically(PublicKeyPath, Encoding.ASCII.GetBytes(publicPem));
                _logger.LogWarning("Wrote {Path} again from the sandbox update feed key", PublicKeyPath);
            }
            else if (!SamePublicKey(File.ReadAllText(PublicKeyPath), publicPem))
            {
                existing.Dispose();
                throw Refusal($"{PublicKeyPath} is not the public key of {KeyPath}");
            }

            return existing;
        }

        if (havePublicKey)
        {
            throw Refusal($"{KeyPath} is missing while {PublicKeyPath} is there");
        }

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        PrivateFiles.CreateDirectory(_paths.SandboxDirectory);
        PrivateFiles.WriteAtomically(KeyPath, Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        PrivateFiles.WriteAtomically(PublicKeyPath, Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem()));
        _logger.LogInformation("Created the sandbox update feed key at {Path}", KeyPath);
        return key;
    }

    private static bool SamePublicKey(string pem, string expected)
    {
        try
        {
            using var key = ManifestSignature.ImportPublicKey(pem);
            return key.ExportSubjectPublicKeyInfoPem() == expected;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException)
        {
            return false;
        }
    }
}
