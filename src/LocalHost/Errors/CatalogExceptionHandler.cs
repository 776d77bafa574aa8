using CertPlatform.Domain.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace CertPlatform.LocalHost.Errors;

/// <summary>
/// Maps every exception to a catalog ProblemDetails: expected failures with their own code, a request body
/// that could not be read as G006e, anything else as G005e with no detail (the log has the stack trace).
/// </summary>
public sealed class CatalogExceptionHandler(ILogger<CatalogExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (error, fields, retryAfter) = exception switch
        {
            CertPlatformException known => (known.Error, known.FieldErrors, known.RetryAfter),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (ErrorCatalog.G304e, null, null),
            BadHttpRequestException => (ErrorCatalog.G006e, BodyError, null),
            _ => (ErrorCatalog.G005e, null, (TimeSpan?)null),
        };

        if (exception is not CertPlatformException and not BadHttpRequestException)
        {
            logger.LogError(exception, "Unexpected failure on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        await CatalogProblem.WriteAsync(httpContext, error, fields, retryAfter, cancellationToken);
        return true;
    }

    private static readonly Dictionary<string, LocalizedText[]> BodyError = new(StringComparer.Ordinal)
    {
        ["body"] = [new LocalizedText("要求の内容を読み取れません(JSON形式・項目の型をご確認ください)。", "The request body could not be read (check the JSON and the field types).")],
    };
}
