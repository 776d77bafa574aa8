using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Errors;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Care;

/// <summary>
/// The manual (3.1.1) says expired certificates stay in the browser until the user deletes them by hand.
/// The helper removes one on the user's confirmation, and only once it has expired, the bank has revoked it, or a
/// renewal has replaced it with a successor that is in the store (the FAQ's clean-up after a renewal, done by the app).
/// </summary>
public sealed record RemoveExpiredCertificate(string Thumbprint, bool Confirmed) : ICommand<RemovedCertificate>;

public sealed record RemovedCertificate(string Thumbprint);

public sealed class RemoveExpiredCertificateValidator : AbstractValidator<RemoveExpiredCertificate>
{
    public RemoveExpiredCertificateValidator() =>
        RuleFor(c => c.Confirmed).Equal(true).WithState(_ => new Domain.Errors.LocalizedText(
            "削除してよいか確認してください(confirm: true)。", "Confirm the removal (confirm: true)."));
}

public sealed class RemoveExpiredCertificateHandler(
    ICertificateStore store,
    KnownRevocations revocations,
    IPendingInstalls records,
    TimeProvider time,
    IOptions<CertificateOptions> options,
    ILogger<RemoveExpiredCertificateHandler> logger)
    : ICommandHandler<RemoveExpiredCertificate, RemovedCertificate>
{
    public async ValueTask<RemovedCertificate> Handle(RemoveExpiredCertificate command, CancellationToken cancellationToken)
    {
        using var certificate = store.Find(command.Thumbprint) ?? throw new CertPlatformException(ErrorCatalog.G203e);
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var expired = options.Value.Policy.StatusAt(notAfter, time.GetUtcNow()) == RenewalStatus.Expired;
        var reason = expired ? "expired"
            : await revocations.IsRevokedAsync(certificate, cancellationToken) ? "revoked"
            : SuccessorIsInstalled(certificate.Thumbprint) ? "superseded"
            : throw new CertPlatformException(ErrorCatalog.G240e);

        store.Remove(certificate.Thumbprint);
        logger.LogInformation("Removed {Reason} certificate {Thumbprint} from {Store}", reason, certificate.Thumbprint, store.Description);
        return new RemovedCertificate(certificate.Thumbprint);
    }

    /// <summary>A renewed certificate goes only while the one that replaced it is there to log in with.</summary>
    private bool SuccessorIsInstalled(string thumbprint)
    {
        if (records.SuccessorOf(thumbprint) is not { } successor)
        {
            return false;
        }

        using var replacement = store.Find(successor);
        return replacement is not null && store.HoldsPrivateKeyOf(replacement);
    }
}
