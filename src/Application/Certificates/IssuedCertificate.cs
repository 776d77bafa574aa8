using System.Security.Cryptography.X509Certificates;
using CertPlatform.Domain.Certificates;

namespace CertPlatform.Application.Certificates;

/// <summary>What CCHK007 shows about a newly installed certificate.</summary>
public sealed record IssuedCertificate(
    string Organization,
    string OrganizationalUnit,
    string CommonName,
    string Subject,
    string SerialNumber,
    string Thumbprint,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string KeyAlgorithm)
{
    public static IssuedCertificate From(X509Certificate2 certificate, CertificateSubject subject, KeyAlgorithm algorithm) =>
        new(
            subject.Organization,
            subject.OrganizationalUnit,
            subject.CommonName,
            subject.ToDistinguishedName(),
            certificate.SerialNumber.ToLowerInvariant(),
            certificate.Thumbprint,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            algorithm.ToDisplay());
}
