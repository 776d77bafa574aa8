namespace CertPlatform.Application.Input;

/// <summary>The forms of the API's identifiers that more than one feature accepts.</summary>
public static class InputRules
{
    /// <summary>A SHA-1 thumbprint as the certificate list gives it: 40 hex digits.</summary>
    public static bool IsThumbprint(string? value) => value is { Length: 40 } && value.All(char.IsAsciiHexDigit);
}
