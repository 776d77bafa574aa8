using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Errors;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Certificates.Remove;

/// <summary>
/// The manual (3.1.1) says expired certificates stay in the browser until the user deletes them by hand.
/// The helper removes one on the user's confirmation, and only once it has expired.
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
    ICertificateStore store, TimeProvider time, IOptions<CertificateOptions> options, ILogger<RemoveExpiredCertificateHandler> logger)
    : ICommandHandler<RemoveExpiredCertificate, RemovedCertificate>
{
    public ValueTask<RemovedCertificate> Handle(RemoveExpiredCertificate command, CancellationToken cancellationToken)
    {
        using var certificate = store.Find(command.Thumbprint) ?? throw new CertPlatformException(ErrorCatalog.G203e);
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (options.Value.Policy.StatusAt(notAfter, time.GetUtcNow()) != RenewalStatus.Expired)
        {
            throw new CertPlatformException(ErrorCatalog.G240e);
        }

        store.Remove(certificate.Thumbprint);
        logger.LogInformation("Removed expired certificate {Thumbprint} from {Store}", certificate.Thumbprint, store.Description);
        return ValueTask.FromResult(new RemovedCertificate(certificate.Thumbprint));
    }
}
