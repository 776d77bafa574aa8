using System.Threading.RateLimiting;
using CertPlatform.Domain.Errors;
using CertPlatform.LocalHost.Errors;
using Microsoft.AspNetCore.RateLimiting;

namespace CertPlatform.LocalHost.Security;

/// <summary>
/// Rate limits on the requests that check a credential, per remote client, a fixed window each
/// (<c>Security:RateLimits:Password|Otp:PermitLimit|WindowSeconds</c>, default 10 a minute). The center's
/// lockout protects one user; this stops guessing across users and slows guessing one user's codes.
/// <para>
/// The limits go by path prefix, not by endpoint, and run before routing picks a handler: every state-changing
/// request under <c>/api/v1/certificates</c> (issuance, the renewal's password step) counts as a password
/// attempt and every one under <c>/api/v1/renewals</c> (one-time password, time sync) as an OTP attempt, also
/// for an unknown renewal id or a route that does not exist yet. An endpoint added there later is limited
/// without anyone remembering to. The guard runs first, so a foreign page's requests cannot use up the user's attempts.
/// </para>
/// </summary>
public static class CredentialAttempts
{
    public const string Password = "password";
    public const string Otp = "otp";

    public static readonly PathString CertificatesPath = "/api/v1/certificates";
    public static readonly PathString RenewalsPath = "/api/v1/renewals";

    /// <summary>Which credential a request checks, or null when it checks none.</summary>
    public static string? KindOf(HttpRequest request)
    {
        if (!LocalApiGuard.IsStateChanging(request.Method))
        {
            return null;
        }

        if (request.Path.StartsWithSegments(CertificatesPath, StringComparison.OrdinalIgnoreCase))
        {
            return Password;
        }

        return request.Path.StartsWithSegments(RenewalsPath, StringComparison.OrdinalIgnoreCase) ? Otp : null;
    }

    /// <summary>
    /// The remote client. Every loopback address is one client: a local process may send from any 127.x.y.z
    /// address, and would otherwise get a fresh budget with each one.
    /// </summary>
    public static string ClientOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "in-process";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return System.Net.IPAddress.IsLoopback(address) ? "loopback" : address.ToString();
    }

    public static void Configure(RateLimiterOptions options, CredentialRateLimits limits)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var kind = KindOf(context.Request);
            if (kind is null)
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var limit = kind == Password ? limits.Password : limits.Otp;
            return RateLimitPartition.GetFixedWindowLimiter($"{kind}|{ClientOf(context)}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = TimeSpan.FromSeconds(limit.WindowSeconds),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        options.OnRejected = async (rejected, cancellationToken) =>
        {
            var context = rejected.HttpContext;
            var kind = KindOf(context.Request);
            var limit = kind == Password ? limits.Password : limits.Otp;
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(limit.WindowSeconds);
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CredentialAttempts))
                .LogWarning(new EventId(3009, "RateLimited"), "Refused {Method} {Path}: more than {PermitLimit} {Kind} attempts in {WindowSeconds} s",
                    context.Request.Method, context.Request.Path, limit.PermitLimit, kind, limit.WindowSeconds);
            await CatalogProblem.WriteAsync(context, ErrorCatalog.G303e, retryAfter: retryAfter, cancellationToken: cancellationToken);
        };
    }
}
