using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Application.Certificates;

/// <summary>
/// Checks what the CA sent back before anything reaches the store: the public key is the one we made, the
/// subject is the one the center authorized, it is a client-authentication certificate valid now, and it
/// chains to a configured trust anchor. Any failure is G204e.
/// </summary>
public sealed class IssuedCertificateVerifier(ITrustAnchors trustAnchors, TimeProvider time, ILogger<IssuedCertificateVerifier> logger)
{
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    public void Verify(
        X509Certificate2 issued, GeneratedKey key, CertificateSubject expectedSubject, IReadOnlyList<X509Certificate2> caCertificates)
    {
        if (!issued.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.Key.ExportSubjectPublicKeyInfo()))
        {
            Refuse("the certificate is for another public key", issued);
        }

        if (CertificationRequest.ReadSubject(issued.SubjectName) != expectedSubject)
        {
            Refuse("the subject is not the one the center authorized", issued);
        }

        var now = time.GetUtcNow();
        if (now < issued.NotBefore.ToUniversalTime() || now > issued.NotAfter.ToUniversalTime())
        {
            Refuse("the certificate is not valid now", issued);
        }

        var eku = issued.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (eku is not null && !eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == ClientAuthenticationOid))
        {
            Refuse("the certificate is not for client authentication", issued);
        }

        if (!ChainsToTrustAnchor(issued, caCertificates, now))
        {
            Refuse("the certificate does not chain to a configured trust anchor", issued);
        }
    }

    public bool ChainsToTrustAnchor(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> caCertificates, DateTimeOffset at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trustAnchors.Roots.ToArray());
        chain.ChainPolicy.ExtraStore.AddRange(caCertificates.ToArray());
        chain.ChainPolicy.ExtraStore.AddRange(trustAnchors.IssuingCertificates.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain.Build(certificate);
    }

    private void Refuse(string reason, X509Certificate2 issued)
    {
        logger.LogWarning("Issued certificate {Thumbprint} refused: {Reason}", issued.Thumbprint, reason);
        throw new CertPlatformException(ErrorCatalog.G204e);
    }
}
