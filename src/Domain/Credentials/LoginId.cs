namespace CertPlatform.Domain.Credentials;

/// <summary>The internet banking login ID: 4 to 32 ASCII letters and digits.</summary>
public sealed record LoginId
{
    public const int MinLength = 4;
    public const int MaxLength = 32;

    private LoginId(string value) => Value = value;

    public string Value { get; }

    public static bool IsValid(string? value) =>
        value is { Length: >= MinLength and <= MaxLength } && value.All(char.IsAsciiLetterOrDigit);

    public static LoginId Parse(string? value) =>
        IsValid(value) ? new LoginId(value!) : throw new FormatException("The login ID is not of the expected form.");

    public override string ToString() => Value;
}
