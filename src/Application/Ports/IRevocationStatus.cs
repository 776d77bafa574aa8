using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.Application.Ports;

/// <summary>
/// Which certificates the bank has revoked: from the CA's certificate revocation list (CRL), and from what the center
/// confirmed to this helper. Knowing is best effort: a CRL that cannot be fetched never fails the caller, the
/// certificate is then simply not known to be revoked.
/// </summary>
public interface IRevocationStatus
{
    /// <summary>The thumbprints (upper case) of those <paramref name="certificates"/> known to be revoked.</summary>
    Task<IReadOnlySet<string>> RevokedAmongAsync(IReadOnlyList<X509Certificate2> certificates, CancellationToken cancellationToken);

    /// <summary>Remembers a revocation the center has just confirmed, before any CRL shows it.</summary>
    void Revoked(string thumbprint);
}
