using System.Text;
using CertPlatform.Application.Behaviours;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Renewals;
using Mediator;

namespace CertPlatform.Application.Renewals;

/// <summary>
/// The token step of a renewal: the one-time password (CCHK003), or, when the center found the token's clock
/// drifted, the code it shows now and the one a minute later (CCHK004).
/// </summary>
public sealed record VerifyOtp(string RenewalId, string? Otp = null, string? Current = null, string? Next = null)
    : ICommand<RenewalProgress>, IRequiresSupportedVersion, IIdempotentCommand
{
    public bool IsTimeSync => Otp is null;

    /// <summary>The page's X-Request-Id: a double click on 「認証」 sends the code to the center once.</summary>
    public string? RequestId { get; init; }

    public string Fingerprint() => $"{RenewalId}\n{Otp}\n{Current}\n{Next}";

    // A record prints every property; no code the token showed may be one of them.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RenewalId = ").Append(RenewalId)
            .Append(", Otp = ").Append(Otp is null ? null : Secret.Mask)
            .Append(", Current = ").Append(Current is null ? null : Secret.Mask)
            .Append(", Next = ").Append(Next is null ? null : Secret.Mask)
            .Append(", RequestId = ").Append(RequestId);
        return true;
    }
}

public sealed class VerifyOtpHandler(ICenterGateway center, RenewalSessions sessions, RenewalSteps steps)
    : ICommandHandler<VerifyOtp, RenewalProgress>
{
    public async ValueTask<RenewalProgress> Handle(VerifyOtp command, CancellationToken cancellationToken)
    {
        var session = sessions.Claim(command.RenewalId);
        if (command.IsTimeSync)
        {
            var pair = new TimeSyncPair(OneTimePassword.Parse(command.Current), OneTimePassword.Parse(command.Next));
            return await steps.RunAsync(
                session, RenewalInput.TimeSyncPair, (s, ct) => center.VerifyTimeSyncAsync(CenterIdOf(s), pair, ct), cancellationToken);
        }

        var otp = OneTimePassword.Parse(command.Otp);
        return await steps.RunAsync(
            session, RenewalInput.Otp, (s, ct) => center.VerifyOtpAsync(CenterIdOf(s), otp, ct), cancellationToken);
    }

    private static string CenterIdOf(RenewalSession session) =>
        session.CenterRenewalId ?? throw new InvalidOperationException("The center has not started this renewal.");
}
