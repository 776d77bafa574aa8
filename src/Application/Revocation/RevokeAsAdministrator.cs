using System.Text;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Input;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Application.Revocation;

/// <summary>
/// The manual's other way (3.1.1, 3.1.2, 3.1.4): an administrator user (管理者ユーザー) revokes the certificate of a
/// user of the same customer, named by its serial number, with the administrator's own login ID and password. For
/// a certificate whose PC is gone (OS reinstalled, repaired, lost), whose holder cannot show it any more.
/// </summary>
public sealed record RevokeAsAdministrator(string LoginId, string Password, string SerialNumber) : ICommand<RevokedCertificate>
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("LoginId = ").Append(LoginId).Append(", Password = ").Append(Secret.Mask).Append(", SerialNumber = ").Append(SerialNumber);
        return true;
    }
}

public sealed class RevokeAsAdministratorValidator : AbstractValidator<RevokeAsAdministrator>
{
    /// <summary>An X.509 serial number: at most 20 bytes, as hexadecimal digits (the manual's 証明書シリアル番号).</summary>
    public static bool IsSerialNumber(string? value) => value is { Length: >= 1 and <= 40 } && value.All(char.IsAsciiHexDigit);

    public static readonly LocalizedText SerialNumber = new(
        "失効する電子証明書のシリアル番号を16進数(40桁まで)で入力してください。",
        "Enter the serial number of the certificate to revoke as hexadecimal digits (up to 40).");

    public RevokeAsAdministratorValidator()
    {
        RuleFor(c => c.LoginId).Must(Domain.Credentials.LoginId.IsValid).WithState(_ => InputMessages.LoginId);
        RuleFor(c => c.Password).Must(LoginPassword.IsValid).WithState(_ => InputMessages.Password);
        RuleFor(c => c.SerialNumber).Must(IsSerialNumber).WithState(_ => SerialNumber);
    }
}

public sealed class RevokeAsAdministratorHandler(
    Ports.ICenterGateway center, KnownRevocations revocations, ILogger<RevokeAsAdministratorHandler> logger)
    : ICommandHandler<RevokeAsAdministrator, RevokedCertificate>
{
    public async ValueTask<RevokedCertificate> Handle(RevokeAsAdministrator command, CancellationToken cancellationToken)
    {
        var receipt = await center.RevokeAsAdministratorAsync(
            Domain.Credentials.LoginId.Parse(command.LoginId), LoginPassword.Parse(command.Password), command.SerialNumber.ToLowerInvariant(), cancellationToken);
        if (receipt.Thumbprint is { } thumbprint)
        {
            revocations.Revoked(thumbprint);
        }

        logger.LogInformation("Certificate with serial {Serial} revoked by administrator user {LoginId}", receipt.SerialNumber, command.LoginId);
        return new RevokedCertificate(receipt.Thumbprint, receipt.SerialNumber, receipt.RevokedAt);
    }
}
