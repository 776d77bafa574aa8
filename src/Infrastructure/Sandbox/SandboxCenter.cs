using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Sandbox;

/// <summary>The embedded center: authenticates demo users and hands out one-time enrollment tickets.</summary>
public sealed class SandboxCenter(SandboxAccounts accounts, SandboxTickets tickets, IOptions<SandboxOptions> options, TimeProvider time)
    : ICenterGateway
{
    public Task<IssuanceAuthorization> AuthorizeIssuanceAsync(LoginId loginId, LoginPassword password, CancellationToken cancellationToken)
    {
        var user = accounts.Authenticate(loginId, password);
        var subject = SubjectFor(user);
        var ticket = tickets.Issue(new TicketGrant(user.LoginId, subject));
        return Task.FromResult(new IssuanceAuthorization(ticket, subject));
    }

    // Issue 3 (renewal) replaces these with the sandbox's renewal flow.
    public Task<CenterRenewalStep> BeginRenewalAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Renewal is not built yet.");

    public Task<CenterRenewalStep> VerifyOtpAsync(string renewalId, OneTimePassword otp, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Renewal is not built yet.");

    public Task<CenterRenewalStep> VerifyTimeSyncAsync(string renewalId, TimeSyncPair pair, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Renewal is not built yet.");

    internal CertificateSubject SubjectFor(SandboxUser user)
    {
        var o = options.Value;
        var centerTime = time.GetUtcNow().ToOffset(o.CenterUtcOffset);
        return CertificateSubject.For(o.BankCode, o.OrganizationName, o.CaName, LoginId.Parse(user.LoginId), user.UserCode, centerTime);
    }
}
