using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using Mediator;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Certificates.List;

/// <summary>
/// The main screen's certificate list: certificates of the configured CA in the user's store, newest first.
/// Expired certificates are left out, as in the manual, unless asked for (support and clean-up).
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
    bool HasPrivateKey);

public sealed class ListCertificatesHandler(
    ICertificateStore store, ITrustAnchors trustAnchors, TimeProvider time, IOptions<CertificateOptions> options)
    : IQueryHandler<ListCertificates, CertificateList>
{
    public ValueTask<CertificateList> Handle(ListCertificates query, CancellationToken cancellationToken)
    {
        var policy = options.Value.Policy;
        var now = time.GetUtcNow();
        var issuers = trustAnchors.IssuingCertificates.Select(c => c.SubjectName.RawData).ToList();
        // A store may also hold the CA certificates themselves (the NSS database trusts the root for TLS): not the user's.
        var caThumbprints = trustAnchors.Roots.Concat(trustAnchors.IssuingCertificates).Select(c => c.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var certificates = store.List();
        try
        {
            var summaries = certificates
                .Where(c => issuers.Exists(raw => raw.AsSpan().SequenceEqual(c.IssuerName.RawData)) && !caThumbprints.Contains(c.Thumbprint))
                .Select(c => Summarize(c, store.HoldsPrivateKeyOf(c), policy, now))
                .Where(s => query.IncludeExpired || !s.Expired)
                .OrderByDescending(s => s.NotAfter)
                .ToList();
            return ValueTask.FromResult(new CertificateList(summaries));
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
