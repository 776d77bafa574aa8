using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertPlatform.Application.Behaviours;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Renewals;
using Mediator;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Renewals;

/// <summary>
/// The manual's 2.2.5: the user picked a certificate in the list and enters the login password (CCHK002).
/// The center sees the current certificate (possession of its key proven) and the password, and asks for
/// the one-time password next. The new key is of the current key's type unless one is asked for.
/// </summary>
public sealed record RenewCertificate(string Thumbprint, string Password, string? KeyAlgorithm = null)
    : ICommand<RenewalProgress>, IRequiresSupportedVersion, IIdempotentCommand
{
    /// <summary>The page's X-Request-Id: a double click on CCHK002's button starts one renewal.</summary>
    public string? RequestId { get; init; }

    public string Fingerprint() => $"{Thumbprint}\n{Password}\n{KeyAlgorithm}";

    // A record prints every property; the password must never be one of them.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Thumbprint = ").Append(Thumbprint).Append(", Password = ").Append(Secret.Mask)
            .Append(", KeyAlgorithm = ").Append(KeyAlgorithm).Append(", RequestId = ").Append(RequestId);
        return true;
    }
}

public sealed class RenewCertificateHandler(
    ICenterGateway center,
    ICertificateStore store,
    ITrustAnchors trustAnchors,
    KnownRevocations revocations,
    RenewalSessions sessions,
    RenewalSteps steps,
    IPendingInstalls records,
    IOptions<CertificateOptions> options)
    : ICommandHandler<RenewCertificate, RenewalProgress>
{
    public async ValueTask<RenewalProgress> Handle(RenewCertificate command, CancellationToken cancellationToken)
    {
        var thumbprint = command.Thumbprint.ToUpperInvariant();
        using var current = store.Find(thumbprint);
        if (current is null || !current.HasPrivateKey || !trustAnchors.IsIssuedByOurCa(current))
        {
            throw new CertPlatformException(ErrorCatalog.G203e);
        }

        // One successor per certificate: a renewed certificate is not renewed again (the center refuses it too).
        if (records.SuccessorOf(thumbprint) is not null)
        {
            throw new CertPlatformException(ErrorCatalog.G211e);
        }

        // A certificate known to be revoked is not the center's to be asked about again: it is issued anew.
        if (await revocations.IsRevokedAsync(current, cancellationToken))
        {
            throw new CertPlatformException(ErrorCatalog.G208e);
        }

        var algorithm = command.KeyAlgorithm is not null && KeyAlgorithmNames.TryParse(command.KeyAlgorithm, out var requested)
            ? requested
            : CertificateKeys.AlgorithmOf(current) ?? options.Value.DefaultKeyAlgorithm;
        var notAfter = new DateTimeOffset(current.NotAfter.ToUniversalTime(), TimeSpan.Zero);

        var session = sessions.Open(thumbprint, notAfter, options.Value.Policy, algorithm);
        var password = LoginPassword.Parse(command.Password);
        return await steps.RunAsync(
            session, RenewalInput.Password, (_, ct) => center.BeginRenewalAsync(current, password, ct), cancellationToken);
    }
}
