using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.Application.Tests.Fakes;

/// <summary>A throwaway CA for tests at the Application layer, which may not use the sandbox.</summary>
public sealed class TestCa : IDisposable
{
    public TestCa(string name = "CN=Test Root CA", DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, Key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        Root = request.CreateSelfSigned(at.AddDays(-1), at.AddYears(5));
    }

    public ECDsa Key { get; }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Sign(byte[] pkcs10, DateTimeOffset notBefore, int days = 366, X500DistinguishedName? subjectOverride = null)
    {
        var request = CertificateRequest.LoadSigningRequest(pkcs10, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default, RSASignaturePadding.Pkcs1);
        var toSign = new CertificateRequest(subjectOverride ?? request.SubjectName, request.PublicKey, HashAlgorithmName.SHA256);
        toSign.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        toSign.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var signed = toSign.Create(Root.SubjectName, X509SignatureGenerator.CreateForECDsa(Key), notBefore, notBefore.AddDays(days), RandomNumberGenerator.GetBytes(16));
        return X509CertificateLoader.LoadCertificate(signed.RawData);
    }

    public void Dispose()
    {
        Root.Dispose();
        Key.Dispose();
    }
}
