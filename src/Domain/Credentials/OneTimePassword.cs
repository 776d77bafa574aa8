namespace CertPlatform.Domain.Credentials;

/// <summary>A 6-digit code from the user's one-time password token, never printed.</summary>
public sealed class OneTimePassword : Secret
{
    public const int Length = 6;

    private OneTimePassword(string value)
        : base(value)
    {
    }

    public static bool IsValid(string? value) => value is { Length: Length } && value.All(char.IsAsciiDigit);

    public static OneTimePassword Parse(string? value) =>
        IsValid(value) ? new OneTimePassword(value!) : throw new FormatException("The one-time password is not of the expected form.");
}

/// <summary>The manual's CCHK004 pair: the code the token shows now and the one it shows one minute later.</summary>
public sealed record TimeSyncPair(OneTimePassword Current, OneTimePassword Next);
