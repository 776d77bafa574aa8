using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Domain.Certificates;
using CertPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Sandbox;

/// <summary>
/// The sandbox root CA: created on first use in the helper's data folder (<c>sandbox/ca.crt</c> and a
/// <c>ca.key</c> only the user can read) and reused after, so certificates issued yesterday still chain today.
/// </summary>
public sealed class SandboxCaKeys : IDisposable
{
    private readonly string _keyPath;
    private readonly Lazy<X509Certificate2> _root;
    private readonly Lazy<X509Extension> _authorityKeyIdentifier;

    // One signing key object per thread: importing the key for every certificate cost more than signing it,
    // and a key object is not promised to be safe for concurrent use.
    private readonly ThreadLocal<(AsymmetricAlgorithm Key, X509SignatureGenerator Generator)> _signers;

    public SandboxCaKeys(HelperPaths paths, IOptions<SandboxOptions> options, TimeProvider time, ILogger<SandboxCaKeys> logger)
    {
        CertificatePath = Path.Combine(paths.SandboxDirectory, "ca.crt");
        _keyPath = Path.Combine(paths.SandboxDirectory, "ca.key");
        _root = new Lazy<X509Certificate2>(() => LoadOrCreate(CertificatePath, _keyPath, options.Value, time, logger));
        _authorityKeyIdentifier = new Lazy<X509Extension>(() => X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        _signers = new ThreadLocal<(AsymmetricAlgorithm, X509SignatureGenerator)>(() => CreateSigner(Root), trackAllValues: true);
    }

    /// <summary>The PEM file of the root, for <c>openssl verify -CAfile</c> and for the browser's trust.</summary>
    public string CertificatePath { get; }

    /// <summary>Whether any of the root's files is there (all of it, or a broken half that must refuse the start).</summary>
    public bool RootExists => File.Exists(CertificatePath) || File.Exists(_keyPath);

    /// <summary>The root with its private key; only the sandbox CA signs with it.</summary>
    internal X509Certificate2 Root => _root.Value;

    /// <summary>Signs certificates with the root's key (this thread's copy of it).</summary>
    internal X509SignatureGenerator Signer => _signers.Value.Generator;

    /// <summary>The AKI extension every issued certificate carries: the root's key identifier.</summary>
    internal X509Extension AuthorityKeyIdentifier => _authorityKeyIdentifier.Value;

    /// <summary>The root without its key, safe to hand out.</summary>
    public X509Certificate2 PublicCertificate => X509CertificateLoader.LoadCertificate(Root.RawData);

    public void Dispose()
    {
        foreach (var (key, _) in _signers.Values)
        {
            key.Dispose();
        }

        _signers.Dispose();
        if (_root.IsValueCreated)
        {
            _root.Value.Dispose();
        }
    }

    private static (AsymmetricAlgorithm, X509SignatureGenerator) CreateSigner(X509Certificate2 root)
    {
        if (root.GetRSAPrivateKey() is { } rsa)
        {
            return (rsa, X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1));
        }

        var ecdsa = root.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The sandbox root has no usable private key.");
        return (ecdsa, X509SignatureGenerator.CreateForECDsa(ecdsa));
    }

    /// <summary>Reads the root now, so that broken trust material stops the start instead of the first issuance.</summary>
    public void EnsureReadable() => _ = Root;

    private static StartupRefusal Refusal(string what) => new(
        $"The sandbox CA cannot be used: {what}. No new root is made, which would strand every certificate issued before. " +
        "Restore the files, or start once with --Sandbox:Reset=true to move the sandbox folder aside and begin a new sandbox.");

    private static X509Certificate2 LoadOrCreate(string certificatePath, string keyPath, SandboxOptions options, TimeProvider time, ILogger logger)
    {
        var haveCertificate = File.Exists(certificatePath);
        var haveKey = File.Exists(keyPath);
        if (haveCertificate && haveKey)
        {
            try
            {
                return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            }
            catch (CryptographicException)
            {
                throw Refusal($"{certificatePath} and {keyPath} cannot be read as the sandbox root and its key");
            }
        }

        // One without the other: a new root would strand every certificate issued before, and overwrite what is left.
        if (haveCertificate || haveKey)
        {
            throw Refusal($"{(haveCertificate ? keyPath : certificatePath)} is missing while {(haveCertificate ? certificatePath : keyPath)} is there");
        }

        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName($"({options.BankCode}){options.OrganizationName}");
        subject.AddOrganizationalUnitName($"({options.BankCode}){options.CaName}");
        subject.AddCommonName(options.CaName);
        var name = subject.Build();

        using AsymmetricAlgorithm key = options.CaKeyAlgorithm switch
        {
            KeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
            KeyAlgorithm.Rsa3072 => RSA.Create(3072),
            _ => RSA.Create(2048),
        };
        var request = key is RSA rsa
            ? new CertificateRequest(name, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(name, (ECDsa)key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        var now = time.GetUtcNow();
        var root = request.CreateSelfSigned(now.AddHours(-1), now.AddYears(20));

        PrivateFiles.CreateDirectory(Path.GetDirectoryName(certificatePath)!);
        PrivateFiles.WriteAtomically(keyPath, System.Text.Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        PrivateFiles.WriteAtomically(certificatePath, System.Text.Encoding.ASCII.GetBytes(root.ExportCertificatePem()));
        logger.LogInformation("Created the sandbox root CA {Subject} ({Thumbprint}) at {Path}", root.Subject, root.Thumbprint, certificatePath);

        var withKey = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        root.Dispose();
        return withKey;
    }
}
