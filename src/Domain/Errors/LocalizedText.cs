namespace CertPlatform.Domain.Errors;

/// <summary>A text in the product's two languages, Japanese first.</summary>
public sealed record LocalizedText(string Ja, string En)
{
    /// <summary>The text for a language tag; anything that is not English gets Japanese.</summary>
    public string For(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? En : Ja;
}
