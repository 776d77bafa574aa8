using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CertPlatform.LocalHost.Errors;

/// <summary>
/// Turns a catalog entry into the API's ProblemDetails: <c>code</c>, <c>title</c> (the manual's message with
/// the code, in the request's language), <c>remedy</c>, and for G006e the per-field messages in <c>errors</c>.
/// This is the one place where failures become HTTP; nothing here ever carries request values.
/// </summary>
public static class CatalogProblem
{
    public static int StatusCodeOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.Locked => StatusCodes.Status423Locked,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Gone => StatusCodes.Status410Gone,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.Busy => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.MisdirectedRequest => StatusCodes.Status421MisdirectedRequest,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.RequestTimeout => StatusCodes.Status408RequestTimeout,
        ErrorKind.Information => StatusCodes.Status200OK,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemDetails Create(
        CatalogError error, string language, IReadOnlyDictionary<string, LocalizedText[]>? fieldErrors = null)
    {
        var problem = new ProblemDetails
        {
            Type = $"urn:certplatform:error:{error.Code}",
            Title = error.MessageFor(language),
            Status = StatusCodeOf(error.Kind),
        };
        problem.Extensions["code"] = error.Code;
        problem.Extensions["remedy"] = error.Remedy.For(language);
        if (fieldErrors is { Count: > 0 })
        {
            problem.Extensions["errors"] = fieldErrors.ToDictionary(
                f => f.Key, f => f.Value.Select(t => t.For(language)).ToArray(), StringComparer.Ordinal);
        }

        return problem;
    }

    /// <summary>
    /// For problems written through ASP.NET Core's <see cref="IProblemDetailsService"/> (the sandbox's endpoints use it):
    /// a catalog error gets the same body as every other API error, with the status its writer chose; no trace id.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        context.ProblemDetails.Extensions.Remove("traceId");
        if (context.Exception is not CertPlatformException known)
        {
            return;
        }

        var status = context.ProblemDetails.Status;
        var catalog = Create(known.Error, RequestLanguage.Of(context.HttpContext.Request), known.FieldErrors);
        context.ProblemDetails.Type = catalog.Type;
        context.ProblemDetails.Title = catalog.Title;
        context.ProblemDetails.Status = status ?? catalog.Status;
        context.ProblemDetails.Detail = null;
        foreach (var (key, value) in catalog.Extensions)
        {
            context.ProblemDetails.Extensions[key] = value;
        }
    }

    /// <summary>Writes the problem as the response, with Retry-After when the caller should wait.</summary>
    public static async Task WriteAsync(
        HttpContext context,
        CatalogError error,
        IReadOnlyDictionary<string, LocalizedText[]>? fieldErrors = null,
        TimeSpan? retryAfter = null,
        CancellationToken cancellationToken = default)
    {
        var problem = Create(error, RequestLanguage.Of(context.Request), fieldErrors);
        context.Response.StatusCode = problem.Status!.Value;
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var json = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        await context.Response.WriteAsJsonAsync(problem, json.Contract<ProblemDetails>(), "application/problem+json", cancellationToken);
    }
}
