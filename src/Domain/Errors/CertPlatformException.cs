namespace CertPlatform.Domain.Errors;

/// <summary>
/// The one exception type for expected failures. It carries a catalog entry, never a secret:
/// the message is the catalog's English text, whatever went wrong underneath.
/// </summary>
public sealed class CertPlatformException : Exception
{
    public CertPlatformException(
        CatalogError error,
        IReadOnlyDictionary<string, LocalizedText[]>? fieldErrors = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base($"{error.Code}: {error.Message.En}", innerException)
    {
        Error = error;
        FieldErrors = fieldErrors ?? new Dictionary<string, LocalizedText[]>();
        RetryAfter = retryAfter;
    }

    public CatalogError Error { get; }

    /// <summary>Per-field messages for input errors (G006e), keyed by the request's field name.</summary>
    public IReadOnlyDictionary<string, LocalizedText[]> FieldErrors { get; }

    /// <summary>How long the caller should wait before trying again (busy, locked, rate limited).</summary>
    public TimeSpan? RetryAfter { get; }
}
