using System.Security.Cryptography.X509Certificates;
using CertPlatform.Domain.Credentials;

namespace CertPlatform.Application.Ports;

/// <summary>The CA that signs the user's certificate request (EST in production, the sandbox CA by default).</summary>
public interface ICertificateAuthority
{
    /// <summary>The CA certificates (issuing CA and intermediates) that build the chain to a trust anchor.</summary>
    Task<IReadOnlyList<X509Certificate2>> GetCaCertificatesAsync(CancellationToken cancellationToken);

    /// <summary>Signs a PKCS#10 request authorized by a one-time ticket; returns the certificate only (no key).</summary>
    Task<X509Certificate2> EnrollAsync(byte[] certificationRequest, EnrollmentTicket ticket, CancellationToken cancellationToken);

    /// <summary>
    /// Signs the request for a renewal: like <see cref="EnrollAsync"/>, and the caller proves possession of
    /// <paramref name="current"/>'s key (EST simplereenroll over TLS client authentication).
    /// </summary>
    Task<X509Certificate2> ReenrollAsync(
        byte[] certificationRequest, EnrollmentTicket ticket, X509Certificate2 current, CancellationToken cancellationToken);
}
