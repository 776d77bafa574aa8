using System.Text;
using CertPlatform.Application.Behaviours;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using Mediator;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Issuance;

/// <summary>The manual's 2.1.3: authenticate with login ID and password (CCHK002), then issue and install.</summary>
public sealed record IssueCertificate(string LoginId, string Password, string? KeyAlgorithm = null)
    : ICommand<IssuedCertificate>, IRequiresSupportedVersion, IIdempotentCommand
{
    /// <summary>The page's X-Request-Id: a double click issues one certificate.</summary>
    public string? RequestId { get; init; }

    public string Fingerprint() => $"{LoginId}\n{Password}\n{KeyAlgorithm}";

    // A record prints every property; the password must never be one of them.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("LoginId = ").Append(LoginId).Append(", Password = ").Append(Secret.Mask)
            .Append(", KeyAlgorithm = ").Append(KeyAlgorithm).Append(", RequestId = ").Append(RequestId);
        return true;
    }
}

public sealed class IssueCertificateHandler(
    ICenterGateway center,
    ICertificateAuthority authority,
    CertificateInstaller installer,
    IOptions<CertificateOptions> options)
    : ICommandHandler<IssueCertificate, IssuedCertificate>
{
    public async ValueTask<IssuedCertificate> Handle(IssueCertificate command, CancellationToken cancellationToken)
    {
        var algorithm = command.KeyAlgorithm is not null && KeyAlgorithmNames.TryParse(command.KeyAlgorithm, out var requested)
            ? requested
            : options.Value.DefaultKeyAlgorithm;

        var authorization = await center.AuthorizeIssuanceAsync(
            Domain.Credentials.LoginId.Parse(command.LoginId), LoginPassword.Parse(command.Password), cancellationToken);

        return await installer.InstallAsync(
            authorization.Subject,
            algorithm,
            (request, ct) => authority.EnrollAsync(request, authorization.Ticket, ct),
            cancellationToken);
    }
}
