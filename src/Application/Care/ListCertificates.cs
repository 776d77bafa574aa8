using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using Mediator;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Care;

/// <summary>
/// The main screen's certificate list: certificates of the configured CA in the user's store, newest (issued last)
/// first, so a renewal with a shorter lifetime still heads the list.
/// Expired certificates are left out, as in the manual, unless asked for (support and clean-up). A certificate the
/// bank has revoked is marked (<see cref="CertificateSummary.Revoked"/>) and is not renewable: it is issued anew. One
/// that a renewal replaced is marked <see cref="CertificateSummary.SupersededBy"/>, not renewable, and may be removed.
/// Installs that a crash or a failed add left pending are finished first, so the list shows every certificate the CA
/// issued to this PC.
/// </summary>
public sealed record ListCertificates(bool IncludeExpired = false) : IQuery<CertificateList>;

public sealed record CertificateList(IReadOnlyList<CertificateSummary> Certificates);

public sealed record CertificateSummary(
    string Thumbprint,
    string Subject,
    string? Organization,
    string? OrganizationalUnit,
    string? CommonName,
    string SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    int DaysLeft,
    DateTimeOffset RenewalOpensAt,
    bool Renewable,
    bool Expired,
    bool HasPrivateKey)
{
    /// <summary>The bank has revoked it (its CRL, or the center's word): it cannot be used or renewed, only issued anew.</summary>
    public bool Revoked { get; init; }

    /// <summary>The thumbprint of the certificate a renewal replaced this one with: it is not renewed again (G211e).</summary>
    public string? SupersededBy { get; init; }
}

public sealed class ListCertificatesHandler(
    ICertificateStore store,
    ITrustAnchors trustAnchors,
    KnownRevocations revocations,
    PendingInstallRecovery recovery,
    IPendingInstalls records,
    TimeProvider time,
    IOptions<CertificateOptions> options)
    : IQueryHandler<ListCertificates, CertificateList>
{
    public async ValueTask<CertificateList> Handle(ListCertificates query, CancellationToken cancellationToken)
    {
        var policy = options.Value.Policy;
        var now = time.GetUtcNow();
        await recovery.FinishAsync(cancellationToken);

        var certificates = store.List();
        try
        {
            var ours = trustAnchors.CustomerCertificates(certificates);
            var revoked = await revocations.AmongAsync(ours, cancellationToken);
            var successors = records.Successors();
            var summaries = ours
                .Select(c => Summarize(c, store.HoldsPrivateKeyOf(c), policy, now))
                .Select(s => revoked.Contains(s.Thumbprint) ? s with { Revoked = true, Renewable = false } : s)
                .Select(s => successors.TryGetValue(s.Thumbprint, out var successor) ? s with { SupersededBy = successor, Renewable = false } : s)
                .Where(s => query.IncludeExpired || !s.Expired)
                .OrderByDescending(s => s.NotBefore)
                .ThenByDescending(s => s.NotAfter)
                .ToList();
            return new CertificateList(summaries);
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    internal static CertificateSummary Summarize(X509Certificate2 certificate, bool hasPrivateKey, CertificateLifetimePolicy policy, DateTimeOffset now)
    {
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var subject = CertificationRequest.ReadSubject(certificate.SubjectName);
        var status = policy.StatusAt(notAfter, now);
        return new CertificateSummary(
            certificate.Thumbprint,
            subject?.ToDistinguishedName() ?? certificate.Subject,
            subject?.Organization,
            subject?.OrganizationalUnit,
            subject?.CommonName,
            certificate.SerialNumber.ToLowerInvariant(),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            notAfter,
            CertificateLifetimePolicy.DaysLeft(notAfter, now),
            policy.RenewalOpensAt(notAfter),
            status == RenewalStatus.Open && hasPrivateKey,
            status == RenewalStatus.Expired,
            hasPrivateKey);
    }
}
