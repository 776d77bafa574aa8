using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Input;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Application.Revocation;

/// <summary>
/// The manual's way out for a certificate that cannot be used any more (broken, moved to another PC, expired, 3.1.3
/// and 3.1.4): the user revokes it with the login password, then issues a new one. The center is shown the
/// certificate, possession of its key proven as for a renewal, so only its holder can revoke it this way; another
/// user's certificate is an administrator user's to revoke (<see cref="RevokeAsAdministrator"/>).
/// </summary>
public sealed record RevokeCertificate(string Thumbprint, string Password) : ICommand<RevokedCertificate>
{
    // A record prints every property; the password must never be one of them.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Thumbprint = ").Append(Thumbprint).Append(", Password = ").Append(Secret.Mask);
        return true;
    }
}

/// <summary>What was revoked, and what to do next: issue a new certificate (G254i says it in the user's words).</summary>
public sealed record RevokedCertificate(string? Thumbprint, string SerialNumber, DateTimeOffset RevokedAt)
{
    /// <summary>The next step the screen leads to: a new issuance.</summary>
    public string Next => "issue";
}

public sealed class RevokeCertificateValidator : AbstractValidator<RevokeCertificate>
{
    public static readonly Domain.Errors.LocalizedText Thumbprint = new(
        "失効する電子証明書を証明書一覧から選んでください(拇印は16進数40桁です)。",
        "Choose the certificate to revoke from the list (its thumbprint is 40 hexadecimal digits).");

    public RevokeCertificateValidator()
    {
        RuleFor(c => c.Thumbprint).Must(InputRules.IsThumbprint).WithState(_ => Thumbprint);
        RuleFor(c => c.Password).Must(LoginPassword.IsValid).WithState(_ => InputMessages.Password);
    }
}

public sealed class RevokeCertificateHandler(
    ICenterGateway center,
    ICertificateStore store,
    ITrustAnchors trustAnchors,
    KnownRevocations revocations,
    ILogger<RevokeCertificateHandler> logger)
    : ICommandHandler<RevokeCertificate, RevokedCertificate>
{
    public async ValueTask<RevokedCertificate> Handle(RevokeCertificate command, CancellationToken cancellationToken)
    {
        using var current = store.Find(command.Thumbprint.ToUpperInvariant());
        if (current is null || !current.HasPrivateKey || !trustAnchors.IsIssuedByOurCa(current))
        {
            throw new CertPlatformException(ErrorCatalog.G203e);
        }

        CenterRevocation receipt;
        try
        {
            receipt = await center.RevokeAsync(current, LoginPassword.Parse(command.Password), cancellationToken);
        }
        catch (CertPlatformException ex) when (ex.Error == ErrorCatalog.G208e)
        {
            // Revoked before: the list should say so from now on, whatever the CRL says yet.
            revocations.Revoked(current.Thumbprint);
            throw;
        }

        revocations.Revoked(current.Thumbprint);
        logger.LogInformation("Certificate {Thumbprint} (serial {Serial}) revoked at its holder's request", current.Thumbprint, receipt.SerialNumber);
        return new RevokedCertificate(current.Thumbprint, receipt.SerialNumber, receipt.RevokedAt);
    }
}
