namespace CertPlatform.Domain.Credentials;

/// <summary>A proxy server's password, as the user typed it on the proxy sign-in screen: 1 to 256 characters, no control character, never printed.</summary>
public sealed class ProxyPassword : Secret
{
    public const int MaxLength = 256;

    private ProxyPassword(string value)
        : base(value)
    {
    }

    public static bool IsValid(string? value) =>
        value is { Length: >= 1 and <= MaxLength } && !value.Any(char.IsControl);

    public static ProxyPassword Parse(string? value) =>
        IsValid(value) ? new ProxyPassword(value!) : throw new FormatException("The proxy password is not of the expected form.");
}
