using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.Sandbox.Http;

/// <summary>
/// The TLS server certificate of the sandbox's HTTPS server: 127.0.0.1, ::1 and localhost, issued by the sandbox
/// root, so a helper that trusts that root (Ca:TrustAnchorPath = sandbox/ca.crt) trusts the server too. Made
/// fresh at every start and never written to disk. Its validity follows the real clock, not the sandbox's
/// TimeProvider: a TLS client checks it against its own real clock, whatever time the sandbox simulates.
/// </summary>
internal static class SandboxServerCertificate
{
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    public static X509Certificate2 Issue(SandboxCaKeys keys)
    {
        var root = keys.Root;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=CertPlatform sandbox (127.0.0.1)", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthenticationOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));

        var now = TimeProvider.System.GetUtcNow();
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var rsa = root.GetRSAPrivateKey();
        using var ecdsa = rsa is null ? root.GetECDsaPrivateKey() : null;
        var generator = rsa is not null
            ? X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1)
            : X509SignatureGenerator.CreateForECDsa(ecdsa ?? throw new InvalidOperationException("The sandbox root has no usable private key."));
        using var issued = request.Create(root.SubjectName, generator, now.AddMinutes(-5), now.AddDays(30), serial);
        using var withKey = issued.CopyWithPrivateKey(key);

        // Through PKCS#12 and back: SChannel (Windows) serves TLS only with a key it can find again, not an ephemeral one.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
