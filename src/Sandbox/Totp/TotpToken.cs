using OtpNet;

namespace CertPlatform.Sandbox.Totp;

/// <summary>
/// An RFC 6238 time-based one-time password token (Otp.NET underneath): the code of each time step, and which
/// step within a window of steps a code belongs to. Steps count from the Unix epoch, as in the RFC.
/// </summary>
public sealed class TotpToken
{
    private readonly OtpNet.Totp _totp;

    public TotpToken(byte[] secret, int stepSeconds, int digits, OtpHashMode mode = OtpHashMode.Sha1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSeconds, 1);
        StepSeconds = stepSeconds;
        _totp = new OtpNet.Totp(secret, stepSeconds, mode, digits);
    }

    public int StepSeconds { get; }

    public static TotpToken FromBase32(string secret, int stepSeconds, int digits) =>
        new(Base32Encoding.ToBytes(secret), stepSeconds, digits);

    public long StepAt(DateTimeOffset at) => Math.DivRem(at.ToUnixTimeSeconds(), StepSeconds) switch
    {
        (var quotient, < 0) => quotient - 1,
        (var quotient, _) => quotient,
    };

    public DateTimeOffset StartOf(long step) => DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds);

    /// <summary>The code a token whose clock reads <paramref name="at"/> shows.</summary>
    public string CodeAt(DateTimeOffset at) => _totp.ComputeTotp(at.UtcDateTime);

    public string CodeOfStep(long step) => CodeAt(StartOf(step));

    /// <summary>Seconds until a token whose clock reads <paramref name="at"/> shows its next code.</summary>
    public int SecondsRemainingAt(DateTimeOffset at) => _totp.RemainingSeconds(at.UtcDateTime);

    /// <summary>
    /// The step, at most <paramref name="window"/> steps either side of <paramref name="around"/>, whose code
    /// <paramref name="code"/> is; null when none. Codes are compared in constant time.
    /// </summary>
    public long? FindStep(string code, long around, int window) =>
        _totp.VerifyTotp(StartOf(around).UtcDateTime, code, out var matched, new VerificationWindow(window, window))
            ? matched
            : null;

    /// <summary>Whether <paramref name="code"/> is the code of exactly <paramref name="step"/>.</summary>
    public bool IsCodeOfStep(string code, long step) => FindStep(code, step, 0) == step;
}
