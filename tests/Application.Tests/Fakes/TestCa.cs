using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;

namespace CertPlatform.Application.Tests.Fakes;

/// <summary>
/// A throwaway ECDSA root for tests at the Application layer, which may not use the sandbox: the trust anchors
/// (root and issuing CA at once), and the signer of the certificates the fake authority issues and tests plant.
/// </summary>
public sealed class TestCa : ITrustAnchors, IDisposable
{
    private readonly X509Certificate2 _root;

    public TestCa(string name = "CN=Test Root CA", DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        _root = request.CreateSelfSigned(at.AddYears(-5), at.AddYears(20));
        Public = X509CertificateLoader.LoadCertificate(_root.RawData);
    }

    /// <summary>The root without its key, as the helper's trust anchors hold it.</summary>
    public X509Certificate2 Public { get; }

    public IReadOnlyList<X509Certificate2> Roots => [Public];

    public IReadOnlyList<X509Certificate2> IssuingCertificates => [Public];

    /// <summary>Signs a PKCS#10 request as the CA would, for <paramref name="days"/> days, optionally under another subject.</summary>
    public X509Certificate2 Sign(byte[] pkcs10, DateTimeOffset notBefore, int days = 366, X500DistinguishedName? subjectOverride = null)
    {
        var loaded = CertificateRequest.LoadSigningRequest(pkcs10, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default, RSASignaturePadding.Pkcs1);
        return Sign(new CertificateRequest(subjectOverride ?? loaded.SubjectName, loaded.PublicKey, HashAlgorithmName.SHA256), notBefore, notBefore.AddDays(days));
    }

    /// <summary>A certificate of this CA with a new key of <paramref name="algorithm"/>: a "current" certificate in the store.</summary>
    public X509Certificate2 IssueWithKey(CertificateSubject subject, DateTimeOffset notBefore, DateTimeOffset notAfter, KeyAlgorithm algorithm)
    {
        AsymmetricAlgorithm key = algorithm switch
        {
            KeyAlgorithm.Rsa2048 => RSA.Create(2048),
            KeyAlgorithm.Rsa3072 => RSA.Create(3072),
            _ => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        };
        using (key)
        {
            var request = key is RSA rsa
                ? new CertificateRequest(CertificationRequest.ToX500Name(subject), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                : new CertificateRequest(CertificationRequest.ToX500Name(subject), (ECDsa)key, HashAlgorithmName.SHA256);
            using var issued = Sign(request, notBefore, notAfter);
            return key is RSA r ? issued.CopyWithPrivateKey(r) : issued.CopyWithPrivateKey((ECDsa)key);
        }
    }

    public void Dispose()
    {
        _root.Dispose();
        Public.Dispose();
    }

    private X509Certificate2 Sign(CertificateRequest request, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var key = _root.GetECDsaPrivateKey()!;
        using var issued = request.Create(_root.SubjectName, X509SignatureGenerator.CreateForECDsa(key), notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        return X509CertificateLoader.LoadCertificate(issued.RawData);
    }
}
