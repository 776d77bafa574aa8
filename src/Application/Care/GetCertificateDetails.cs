using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Errors;
using Mediator;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Care;

/// <summary>
/// What the manual sends users to Internet Options for (3.1.1, 3.1.2): a certificate's subject, issuer, serial,
/// validity, days left, whether it can be renewed, its key type, whether the private key is present, where it lives
/// (<c>tpm</c> or <c>software</c>) and whether it is protected from export, and whether the bank has revoked it.
/// </summary>
public sealed record GetCertificateDetails(string Thumbprint) : IQuery<CertificateDetails>;

public sealed record CertificateDetails(
    string Thumbprint,
    string Subject,
    string Issuer,
    string SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    int DaysLeft,
    DateTimeOffset RenewalOpensAt,
    string RenewalStatus,
    bool Renewable,
    bool Expired,
    string KeyAlgorithm,
    bool HasPrivateKey,
    bool? PrivateKeyExportable,
    bool Revoked,
    string? KeyStorage);

public sealed class GetCertificateDetailsHandler(
    ICertificateStore store, KnownRevocations revocations, TimeProvider time, IOptions<CertificateOptions> options)
    : IQueryHandler<GetCertificateDetails, CertificateDetails>
{
    public async ValueTask<CertificateDetails> Handle(GetCertificateDetails query, CancellationToken cancellationToken)
    {
        using var certificate = store.Find(query.Thumbprint) ?? throw new CertPlatformException(ErrorCatalog.G203e);
        var policy = options.Value.Policy;
        var now = time.GetUtcNow();
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var status = policy.StatusAt(notAfter, now);
        var revoked = await revocations.IsRevokedAsync(certificate, cancellationToken);
        var key = CertificateKeys.PrivateKeyOf(certificate);
        return new CertificateDetails(
            certificate.Thumbprint,
            CertificationRequest.ReadSubject(certificate.SubjectName)?.ToDistinguishedName() ?? certificate.Subject,
            certificate.Issuer,
            certificate.SerialNumber.ToLowerInvariant(),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            notAfter,
            CertificateLifetimePolicy.DaysLeft(notAfter, now),
            policy.RenewalOpensAt(notAfter),
            status.ToString(),
            status == RenewalStatus.Open && certificate.HasPrivateKey && !revoked,
            status == RenewalStatus.Expired,
            CertificateKeys.DisplayNameOf(certificate),
            certificate.HasPrivateKey,
            key?.Exportable,
            revoked,
            key?.Storage.ToString().ToLowerInvariant());
    }
}
