namespace CertPlatform.LocalHost.Security;

/// <summary>Configuration section <c>Security</c>: how much a caller may send, and how often.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "Security";

    /// <summary>The largest request body accepted (the largest real one is a few hundred bytes).</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long a request body may take to arrive (it is a few hundred bytes from this PC): then 408 G308e.</summary>
    public int RequestBodySeconds { get; set; } = 15;

    /// <summary><c>Security:RateLimits</c>: attempts per client and window for each kind of credential.</summary>
    public CredentialRateLimits RateLimits { get; set; } = new();
}

public sealed class CredentialRateLimits
{
    /// <summary>Login password checks: issuance and the start of a renewal.</summary>
    public AttemptLimit Password { get; set; } = new();

    /// <summary>One-time password checks: the OTP and time-sync steps of a renewal.</summary>
    public AttemptLimit Otp { get; set; } = new();
}

public sealed class AttemptLimit
{
    public int PermitLimit { get; set; } = 10;

    public int WindowSeconds { get; set; } = 60;
}
