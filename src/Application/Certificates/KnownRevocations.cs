using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Application.Certificates;

/// <summary>
/// The revocation status as the list, the details, renewal and removal use it: whatever goes wrong finding it out (a
/// CRL that cannot be fetched or read) is logged and means "not known to be revoked", so it never breaks the caller.
/// </summary>
public sealed class KnownRevocations(IRevocationStatus status, ILogger<KnownRevocations> logger)
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    /// <summary>The thumbprints of those certificates known to be revoked (compare ignoring case).</summary>
    public async Task<IReadOnlySet<string>> AmongAsync(IReadOnlyList<X509Certificate2> certificates, CancellationToken cancellationToken)
    {
        if (certificates.Count == 0)
        {
            return None;
        }

        try
        {
            var revoked = await status.RevokedAmongAsync(certificates, cancellationToken);
            return revoked.Count == 0 ? None : new HashSet<string>(revoked, StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Revocation status unknown for {Count} certificate(s): {ExceptionType}", certificates.Count, ex.GetType().Name);
            return None;
        }
    }

    public async Task<bool> IsRevokedAsync(X509Certificate2 certificate, CancellationToken cancellationToken) =>
        (await AmongAsync([certificate], cancellationToken)).Contains(certificate.Thumbprint);

    /// <summary>The center has said so (a revocation it confirmed, or G208e): no need to wait for the next CRL.</summary>
    public void Revoked(string thumbprint) => status.Revoked(thumbprint.ToUpperInvariant());
}
