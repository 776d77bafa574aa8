using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Errors;

namespace CertPlatform.Domain.Renewals;

/// <summary>
/// One renewal of one certificate, as a state machine that allows only the manual's order of steps:
/// Started → PasswordVerified → OtpRequired → (TimeSyncRequired →) Authorized → Completed, with Failed and
/// Expired as the other ends. A step asked of a finished renewal is G106e, a step out of order G108e.
/// A renewal expires when no step comes within its idle timeout.
/// </summary>
public sealed class Renewal
{
    private static readonly Dictionary<RenewalState, RenewalState[]> Allowed = new()
    {
        [RenewalState.Started] = [RenewalState.PasswordVerified, RenewalState.Failed, RenewalState.Expired],
        // A center may authorize on the password alone (no token step); the sandbox always asks for one.
        [RenewalState.PasswordVerified] = [RenewalState.OtpRequired, RenewalState.Authorized, RenewalState.Failed, RenewalState.Expired],
        [RenewalState.OtpRequired] = [RenewalState.TimeSyncRequired, RenewalState.Authorized, RenewalState.Failed, RenewalState.Expired],
        [RenewalState.TimeSyncRequired] = [RenewalState.Authorized, RenewalState.Failed, RenewalState.Expired],
        // Once authorized the installation runs to its end within the same request: it cannot time out.
        [RenewalState.Authorized] = [RenewalState.Completed, RenewalState.Failed],
        [RenewalState.Completed] = [],
        [RenewalState.Failed] = [],
        [RenewalState.Expired] = [],
    };

    private readonly TimeSpan _idleTimeout;

    private Renewal(string id, string thumbprint, DateTimeOffset notAfter, DateTimeOffset now, TimeSpan idleTimeout)
    {
        Id = id;
        Thumbprint = thumbprint;
        NotAfter = notAfter;
        _idleTimeout = idleTimeout;
        ExpiresAt = now + idleTimeout;
    }

    public string Id { get; }

    /// <summary>The certificate being renewed.</summary>
    public string Thumbprint { get; }

    public DateTimeOffset NotAfter { get; }

    public RenewalState State { get; private set; } = RenewalState.Started;

    /// <summary>When the renewal expires unless a step comes first.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public bool IsFinished => State is RenewalState.Completed or RenewalState.Failed or RenewalState.Expired;

    /// <summary>Starts the renewal of a certificate, which must be inside its renewal window now.</summary>
    /// <exception cref="CertPlatformException">G201e before the window opens, G202e once the certificate has expired.</exception>
    public static Renewal Start(
        string id, string thumbprint, DateTimeOffset notAfter, CertificateLifetimePolicy policy, DateTimeOffset now, TimeSpan idleTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleTimeout, TimeSpan.Zero);
        return policy.StatusAt(notAfter, now) switch
        {
            RenewalStatus.Open => new Renewal(id, thumbprint, notAfter, now, idleTimeout),
            RenewalStatus.NotYetOpen => throw new CertPlatformException(ErrorCatalog.G201e),
            _ => throw new CertPlatformException(ErrorCatalog.G202e),
        };
    }

    /// <summary>Whether the state machine has an edge from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(RenewalState from, RenewalState to) => Allowed[from].Contains(to);

    /// <summary>The state in which the renewal waits for an input.</summary>
    public static RenewalState AwaitingStateOf(RenewalInput input) => input switch
    {
        RenewalInput.Password => RenewalState.Started,
        RenewalInput.Otp => RenewalState.OtpRequired,
        RenewalInput.TimeSyncPair => RenewalState.TimeSyncRequired,
        _ => throw new ArgumentOutOfRangeException(nameof(input)),
    };

    /// <summary>Checks that the renewal waits for this input now.</summary>
    /// <exception cref="CertPlatformException">G106e when the renewal is finished, G108e when it waits for something else.</exception>
    public void EnsureAwaits(RenewalInput input)
    {
        if (IsFinished)
        {
            throw new CertPlatformException(ErrorCatalog.G106e);
        }

        if (State != AwaitingStateOf(input))
        {
            throw new CertPlatformException(ErrorCatalog.G108e);
        }
    }

    public bool IsIdleAt(DateTimeOffset now) => !IsFinished && State != RenewalState.Authorized && now >= ExpiresAt;

    public void PasswordVerified(DateTimeOffset now) => MoveTo(RenewalState.PasswordVerified, now);

    public void RequireOtp(DateTimeOffset now) => MoveTo(RenewalState.OtpRequired, now);

    public void RequireTimeSync(DateTimeOffset now) => MoveTo(RenewalState.TimeSyncRequired, now);

    /// <summary>The center gave a ticket. The certificate must still be valid: an expired one is never renewed.</summary>
    /// <exception cref="CertPlatformException">G202e when the certificate expired during the renewal.</exception>
    public void Authorize(DateTimeOffset now)
    {
        if (now > NotAfter && !IsFinished && IsAllowed(State, RenewalState.Authorized))
        {
            MoveTo(RenewalState.Failed, now);
            throw new CertPlatformException(ErrorCatalog.G202e);
        }

        MoveTo(RenewalState.Authorized, now);
    }

    public void Complete(DateTimeOffset now) => MoveTo(RenewalState.Completed, now);

    public void Fail(DateTimeOffset now) => MoveTo(RenewalState.Failed, now);

    public void Expire(DateTimeOffset now) => MoveTo(RenewalState.Expired, now);

    private void MoveTo(RenewalState next, DateTimeOffset now)
    {
        if (!IsAllowed(State, next))
        {
            throw new CertPlatformException(IsFinished ? ErrorCatalog.G106e : ErrorCatalog.G108e);
        }

        State = next;
        ExpiresAt = now + _idleTimeout;
    }
}
