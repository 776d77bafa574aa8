namespace CertPlatform.Domain.Credentials;

/// <summary>The internet banking login password: 8 to 64 printable ASCII characters, never printed.</summary>
public sealed class LoginPassword : Secret
{
    public const int MinLength = 8;
    public const int MaxLength = 64;

    private LoginPassword(string value)
        : base(value)
    {
    }

    public static bool IsValid(string? value) =>
        value is { Length: >= MinLength and <= MaxLength } && value.All(c => c is >= '!' and <= '~');

    public static LoginPassword Parse(string? value) =>
        IsValid(value) ? new LoginPassword(value!) : throw new FormatException("The login password is not of the expected form.");
}
