namespace CertPlatform.LocalHost.Security;

/// <summary>
/// Response headers on every answer, errors included: nothing cached from the API, nothing framed, no inline
/// script, no MIME sniffing, no referrer leaks, nothing readable by other sites' no-cors requests.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The pages' policy: scripts and styles from the helper's own files only, never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Swagger UI's policy. Its page (Swashbuckle 9) loads every script from a file, so script-src stays 'self'
    /// with no nonce or hash needed; only styles are relaxed, because swagger-ui injects a &lt;style&gt; element
    /// and style attributes as it renders (a hash cannot follow that). Styles cannot run code. /swagger only.
    /// </summary>
    public const string SwaggerContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>API answers are data: should a browser ever render one, it runs and frames nothing.</summary>
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            // Whether an answer is given, and with which CORS headers, depends on the Origin.
            if (!headers.Vary.Any(v => v is not null && v.Contains("Origin", StringComparison.OrdinalIgnoreCase)))
            {
                headers.Append("Vary", "Origin");
            }

            if (LocalApiGuard.IsApi(context.Request.Path))
            {
                headers.CacheControl = "no-store";
                headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
            }
            else if (context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentSecurityPolicy = SwaggerContentSecurityPolicy;
            }
            else
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            return Task.CompletedTask;
        });
        await next(context);
    });
}
