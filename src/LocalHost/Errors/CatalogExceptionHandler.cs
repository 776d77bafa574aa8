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
        var local = LocalFaults.Classify(exception);
        var (error, fields, retryAfter) = exception switch
        {
            CertPlatformException known => (known.Error, known.FieldErrors, known.RetryAfter),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (ErrorCatalog.G304e, null, null),
            BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } => (ErrorCatalog.G308e, null, null),
            BadHttpRequestException => (ErrorCatalog.G006e, BodyError, null),
            _ when local is not null => (local, null, null),
            _ => (ErrorCatalog.G005e, null, (TimeSpan?)null),
        };

        if (local is not null)
        {
            // A full disk, a folder that cannot be written, a broken data file: the log says which path (the exception's message).
            logger.LogError(new EventId(1012, "LocalFault"), "{Code} on {Method} {Path}: {Fault}",
                error.Code, httpContext.Request.Method, httpContext.Request.Path, FaultText(exception));
        }
        else if (exception is not CertPlatformException and not BadHttpRequestException)
        {
            logger.LogError(exception, "Unexpected failure on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        await CatalogProblem.WriteAsync(httpContext, error, fields, retryAfter, cancellationToken);
        return true;
    }

    /// <summary>The messages of the chain (the innermost names the path), without a stack trace.</summary>
    internal static string FaultText(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" <- ", messages);
    }

    private static readonly Dictionary<string, LocalizedText[]> BodyError = new(StringComparer.Ordinal)
    {
        ["body"] = [new LocalizedText("要求の内容を読み取れません(JSON形式・項目の型をご確認ください)。", "The request body could not be read (check the JSON and the field types).")],
    };
}
