namespace CertPlatform.Domain.Errors;

/// <summary>One entry of the error catalog: the code users quote to support, the message and what to do.</summary>
public sealed record CatalogError(string Code, ErrorKind Kind, LocalizedText Message, LocalizedText Remedy)
{
    /// <summary>The message as the manual shows it, with the code in brackets (「…[G006e]」).</summary>
    public string MessageFor(string? language) => $"{Message.For(language)}[{Code}]";

    public override string ToString() => Code;
}
