using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Sandbox.Totp;

namespace CertPlatform.Sandbox;

/// <summary>
/// What a demo user's hardware token shows now, and the code it shows next (after <paramref name="SecondsRemaining"/>):
/// the time synchronisation asks for two consecutive codes, which a real token gives by waiting a minute.
/// </summary>
public sealed record TokenDisplay(string LoginId, string Code, int SecondsRemaining, string NextCode);

/// <summary>How a code the user entered relates to their token.</summary>
internal enum TokenMatchKind
{
    /// <summary>Within one step of where the center expects the token: the code authorizes.</summary>
    Accepted,

    /// <summary>Further off, but within the resynchronisation window: the token's clock has drifted.</summary>
    Drifted,

    /// <summary>A code of a step that already authorized something.</summary>
    Replayed,

    Wrong,
}

internal readonly record struct TokenMatch(TokenMatchKind Kind, long Step = 0);

/// <summary>
/// The demo users' hardware tokens as the sandbox center knows them: RFC 6238 codes of 6 digits per
/// 60-second step (the manual's 「1分後」), HMAC-SHA-1. The center accepts a code one step either side of
/// where it expects the token; a code up to ten steps off means the token's clock drifted and asks for time
/// synchronisation, after which the center remembers the drift. A step that authorized something is spent.
/// Not thread-safe: the center calls it under its lock.
/// </summary>
public sealed class SandboxTokens(SandboxAccounts accounts, TimeProvider time)
{
    public const int StepSeconds = 60;
    public const int Digits = OneTimePassword.Length;
    public const int AcceptanceWindowSteps = 1;

    /// <summary>±10 minutes: how far a token's clock may drift and still be resynchronised.</summary>
    public const int ResyncWindowSteps = 10;

    /// <summary>What the user's token shows now, drift included: the sandbox's stand-in for the hardware token.</summary>
    /// <exception cref="CertPlatformException">G014e when the user has no registered token (or does not exist).</exception>
    public TokenDisplay Show(string loginId)
    {
        var user = accounts.Find(loginId);
        var token = user is null ? null : TokenOf(user);
        if (user is null || token is null)
        {
            throw new CertPlatformException(ErrorCatalog.G014e);
        }

        var tokenClock = time.GetUtcNow().AddSeconds(user.TokenDriftSeconds);
        var remaining = token.SecondsRemainingAt(tokenClock);
        return new TokenDisplay(user.LoginId, token.CodeAt(tokenClock), remaining, token.CodeAt(tokenClock.AddSeconds(remaining)));
    }

    public static TotpToken? TokenOf(SandboxUser user) =>
        user.TokenSecret is null ? null : TotpToken.FromBase32(user.TokenSecret, StepSeconds, Digits);

    internal TokenMatch Match(SandboxUser user, OneTimePassword otp)
    {
        var token = Registered(user);
        var expected = ExpectedStep(user, token);
        if (token.FindStep(otp.Reveal(), expected, AcceptanceWindowSteps) is { } step)
        {
            return step <= user.LastSpentStep ? new(TokenMatchKind.Replayed) : new(TokenMatchKind.Accepted, step);
        }

        if (token.FindStep(otp.Reveal(), expected, ResyncWindowSteps) is { } drifted)
        {
            return drifted <= user.LastSpentStep ? new(TokenMatchKind.Replayed) : new(TokenMatchKind.Drifted, drifted);
        }

        return new(TokenMatchKind.Wrong);
    }

    /// <summary>The pair must be the codes of two consecutive steps within the resynchronisation window.</summary>
    internal TokenMatch MatchPair(SandboxUser user, TimeSyncPair pair)
    {
        var token = Registered(user);
        if (token.FindStep(pair.Current.Reveal(), ExpectedStep(user, token), ResyncWindowSteps) is not { } current
            || !token.IsCodeOfStep(pair.Next.Reveal(), current + 1))
        {
            return new(TokenMatchKind.Wrong);
        }

        return current <= user.LastSpentStep ? new(TokenMatchKind.Replayed) : new(TokenMatchKind.Accepted, current + 1);
    }

    /// <summary>Marks every step up to <paramref name="step"/> as spent: none of their codes authorizes again.</summary>
    internal static void Spend(SandboxUser user, long step) => user.LastSpentStep = Math.Max(user.LastSpentStep ?? long.MinValue, step);

    /// <summary>
    /// Remembers the token's drift from the step it showed last (the "next" code of a time-sync pair, which
    /// the user read just before sending), so the next renewal needs no time synchronisation.
    /// </summary>
    internal void Resynchronise(SandboxUser user, long shownStep) => user.SyncedDriftSteps = StepsAhead(user, shownStep);

    /// <summary>How many steps ahead of the center's clock a step of the user's token is.</summary>
    internal long StepsAhead(SandboxUser user, long step) => step - Registered(user).StepAt(time.GetUtcNow());

    /// <summary>Where the center expects the token now: the center's clock plus the drift learned at the last time sync.</summary>
    private long ExpectedStep(SandboxUser user, TotpToken token) => token.StepAt(time.GetUtcNow()) + user.SyncedDriftSteps;

    private static TotpToken Registered(SandboxUser user) =>
        TokenOf(user) ?? throw new CertPlatformException(ErrorCatalog.G014e);
}
