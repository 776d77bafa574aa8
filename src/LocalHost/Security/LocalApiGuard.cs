using CertPlatform.Domain.Errors;
using CertPlatform.LocalHost.Errors;

namespace CertPlatform.LocalHost.Security;

/// <summary>
/// The first gate of every request, in this order:
/// <list type="number">
/// <item>Host: a loopback name with the helper's port, else 421 G305e (DNS rebinding: a foreign name that
/// resolves to 127.0.0.1 still arrives with its own name).</item>
/// <item>CORS preflight: answered (with Private Network Access) for an allowlisted origin on the API only,
/// else 403 G301e without CORS headers.</item>
/// <item>Origin: when present it must be allowlisted (any method, any path), else 403 G301e; an allowlisted
/// cross-origin caller gets CORS headers on whatever the answer is.</item>
/// <item>No Origin: a program may send <c>Authorization: Bearer</c> with the API token instead (a wrong token is
/// 401 G307e; a browser never gets in this way); otherwise a state-changing request is 403 G301e, support data
/// read by a program (no <c>Sec-Fetch-*</c>: not a browser) is 401 G307e, and an API read from a page on another
/// site (<c>Sec-Fetch-Site: cross-site</c> or <c>same-site</c>) is 403 G301e.</item>
/// <item>A state-changing request must carry JSON, which a form or any CORS-simple request cannot: else 415 G302e.</item>
/// </list>
/// </summary>
public sealed class LocalApiGuard(
    RequestDelegate next,
    HelperAddresses helper,
    OriginAllowlist origins,
    ApiToken token,
    ILogger<LocalApiGuard> logger)
{
    public const string ApiPath = "/api";

    private const string BearerPrefix = "Bearer ";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!helper.IsHelperHost(request))
        {
            logger.LogWarning(new EventId(3001, "HostRejected"), "Refused a request for host {Host}", Quote(request.Host.Value));
            await CatalogProblem.WriteAsync(context, ErrorCatalog.G305e);
            return;
        }

        var origin = request.Headers.Origin;
        if (CrossOrigin.IsPreflight(request))
        {
            await AnswerPreflightAsync(context, origin);
            return;
        }

        if (origin.Count > 0)
        {
            if (!origins.Allows(request))
            {
                await RefuseAsync(context, new EventId(3002, "OriginRejected"), "origin " + Quote(origin.ToString()));
                return;
            }

            if (IsForSupportOnly(request.Path) && !origins.IsOwn(request))
            {
                await RefuseAsync(context, new EventId(3010, "SupportReadRejected"), "support data for origin " + Quote(origin.ToString()));
                return;
            }

            CrossOrigin.AllowReading(context, origin.ToString());
        }
        else if (request.Headers.Authorization.Count > 0)
        {
            if (IsFromPage(request))
            {
                await RefuseAsync(context, new EventId(3005, "TokenFromPageRejected"), "a page sending Authorization");
                return;
            }

            if (!HasApiToken(request))
            {
                logger.LogWarning(new EventId(3006, "TokenRejected"), "Refused {Method} {Path}: the API token does not match", request.Method, request.Path);
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await CatalogProblem.WriteAsync(context, ErrorCatalog.G307e);
                return;
            }
        }
        else if (IsStateChanging(request.Method))
        {
            await RefuseAsync(context, new EventId(3002, "OriginRejected"), "no origin and no API token");
            return;
        }
        else if (IsForSupportOnly(request.Path) && !IsFromPage(request))
        {
            logger.LogWarning(new EventId(3011, "SupportReadWithoutToken"), "Refused {Method} {Path}: support data for a program without the API token", request.Method, request.Path);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await CatalogProblem.WriteAsync(context, ErrorCatalog.G307e);
            return;
        }
        else if (IsApi(request.Path) && IsFromAnotherSite(request))
        {
            await RefuseAsync(context, new EventId(3004, "CrossSiteReadRejected"), "Sec-Fetch-Site " + Quote(request.Headers["Sec-Fetch-Site"].ToString()));
            return;
        }

        if (IsStateChanging(request.Method) && !request.HasJsonContentType())
        {
            logger.LogWarning(new EventId(3003, "ContentTypeRejected"), "Refused {Method} {Path} with content type {ContentType}",
                request.Method, request.Path, Quote(request.ContentType ?? "(none)"));
            await CatalogProblem.WriteAsync(context, ErrorCatalog.G302e);
            return;
        }

        await next(context);
    }

    public static bool IsStateChanging(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    public static bool IsApi(PathString path) => path.StartsWithSegments(ApiPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The support bundle (recent log, certificate list, settings) and the diagnostics (addresses, proxy) are for the
    /// user and support staff: the helper's own page, Swagger and tools with the API token, never a bank page by CORS.
    /// The proxy sign-in is the user's alone as well: a bank page cannot set the user's company proxy account.
    /// A program without the token is refused too: on a PC several people share, another user's program reaches this
    /// loopback port, but cannot read this user's token file.
    /// </summary>
    public static bool IsForSupportOnly(PathString path) =>
        path.StartsWithSegments("/api/v1/support", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/v1/diagnostics", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/v1/proxy", StringComparison.OrdinalIgnoreCase);

    private async Task AnswerPreflightAsync(HttpContext context, Microsoft.Extensions.Primitives.StringValues origin)
    {
        var method = context.Request.Headers.AccessControlRequestMethod.ToString();
        if (!origins.Allows(context.Request) || !IsApi(context.Request.Path) || IsForSupportOnly(context.Request.Path)
            || !CrossOrigin.AllowedMethods.Contains(method, StringComparer.Ordinal))
        {
            await RefuseAsync(context, new EventId(3007, "PreflightRejected"),
                $"preflight from {Quote(origin.ToString())} for {Quote(method)}");
            return;
        }

        CrossOrigin.AnswerPreflight(context, origin.ToString());
    }

    private async Task RefuseAsync(HttpContext context, EventId eventId, string reason)
    {
        logger.LogWarning(eventId, "Refused {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, reason);
        await CatalogProblem.WriteAsync(context, ErrorCatalog.G301e);
    }

    private bool HasApiToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        return authorization.Count == 1
            && authorization[0] is { } value
            && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            && token.Matches(value[BearerPrefix.Length..].Trim());
    }

    /// <summary>Browsers send Sec-Fetch-* on every request; programs do not.</summary>
    private static bool IsFromPage(HttpRequest request) =>
        request.Headers.ContainsKey("Sec-Fetch-Site") || request.Headers.ContainsKey("Sec-Fetch-Mode") || request.Headers.ContainsKey("Sec-Fetch-Dest");

    /// <summary>
    /// A page on another site (or on another port of this machine: same-site ignores the port) that reads without
    /// CORS: an image, a script tag, a link. The user typing the address (<c>none</c>) and the helper's own page
    /// (<c>same-origin</c>) are fine; old browsers send nothing, and read nothing across origins either.
    /// </summary>
    private static bool IsFromAnotherSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length > 0 && !string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase) && !string.Equals(site, "none", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Header values in the log are the sender's words: cut short and without control characters.</summary>
    private static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "(none)";
        }

        var text = new string([.. value.Take(120).Select(c => char.IsControl(c) ? '?' : c)]);
        return value.Length > 120 ? text + "..." : text;
    }
}
