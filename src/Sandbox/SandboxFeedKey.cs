using System.Security.Cryptography;
using System.Text;
using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Sandbox;

/// <summary>
/// The sandbox update feed's signing key: created on first use in the data folder (<c>sandbox/update-feed.key</c>,
/// only the user can read it, and <c>update-feed.pub.pem</c> beside it) and reused after.
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

    /// <summary>
    /// The public key to pin. Once both files exist it is read from <c>update-feed.pub.pem</c>: pinning it at start
    /// then needs no private key, which is loaded when the sandbox feed first signs a manifest.
    /// </summary>
    public string PublicKeyPem => !_key.IsValueCreated && File.Exists(KeyPath) && File.Exists(PublicKeyPath)
        ? File.ReadAllText(PublicKeyPath)
        : _key.Value.ExportSubjectPublicKeyInfoPem();

    public byte[] Sign(ReadOnlySpan<byte> manifest) => ManifestSignature.Sign(manifest, _key.Value);

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }

    private ECDsa LoadOrCreate()
    {
        if (File.Exists(KeyPath))
        {
            return ManifestSignature.ImportPrivateKey(File.ReadAllText(KeyPath));
        }

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        PrivateFiles.CreateDirectory(_paths.SandboxDirectory);
        PrivateFiles.WriteAtomically(KeyPath, Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        PrivateFiles.WriteAtomically(PublicKeyPath, Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem()));
        _logger.LogInformation("Created the sandbox update feed key at {Path}", KeyPath);
        return key;
    }
}
