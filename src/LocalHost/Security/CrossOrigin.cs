namespace CertPlatform.LocalHost.Security;

/// <summary>
/// The CORS answers, given only to origins <see cref="OriginAllowlist"/> allows (<see cref="LocalApiGuard"/>
/// decides). No credentials (the API uses no cookies), the allowed origin echoed (never <c>*</c>),
/// <c>Vary: Origin</c>, and a Private Network Access / Local Network Access preflight
/// (<c>Access-Control-Request-Private-Network: true</c>) answered with <c>Access-Control-Allow-Private-Network: true</c>,
/// which lets the bank's public HTTPS page reach the helper on loopback.
/// </summary>
public static class CrossOrigin
{
    public const string RequestPrivateNetwork = "Access-Control-Request-Private-Network";
    public const string AllowPrivateNetwork = "Access-Control-Allow-Private-Network";

    public static readonly IReadOnlyList<string> AllowedMethods = ["GET", "POST"];
    public static readonly IReadOnlyList<string> AllowedHeaders = ["Content-Type", "Accept-Language", "X-Request-Id"];

    /// <summary>Retry-After is not a CORS-safelisted response header: the bank's page needs it after G303e.</summary>
    public static readonly IReadOnlyList<string> ExposedHeaders = ["Retry-After"];

    private static readonly TimeSpan PreflightCacheTime = TimeSpan.FromMinutes(10);

    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method)
        && request.Headers.Origin.Count > 0
        && request.Headers.AccessControlRequestMethod.Count > 0;

    /// <summary>Lets an allowlisted page read the answer, also an error written later by the exception handler.</summary>
    public static void AllowReading(HttpContext context, string origin) => context.Response.OnStarting(() =>
    {
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlExposeHeaders = string.Join(", ", ExposedHeaders);
        return Task.CompletedTask;
    });

    public static void AnswerPreflight(HttpContext context, string origin)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlAllowMethods = string.Join(", ", AllowedMethods);
        headers.AccessControlAllowHeaders = string.Join(", ", AllowedHeaders);
        headers.AccessControlMaxAge = ((int)PreflightCacheTime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers.Append("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers, " + RequestPrivateNetwork);
        if (string.Equals(request.Headers[RequestPrivateNetwork], "true", StringComparison.OrdinalIgnoreCase))
        {
            headers[AllowPrivateNetwork] = "true";
        }
    }
}
