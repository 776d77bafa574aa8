using System.Net;
using CertPlatform.Domain.Errors;
using CertPlatform.LocalHost.Errors;
using Microsoft.Extensions.Options;

namespace CertPlatform.LocalHost.Security;

/// <summary>
/// The first gate of every request. A Host header that is not a loopback name is refused (DNS rebinding: a
/// foreign site whose name resolves to 127.0.0.1 still sends its own name). A state-changing request must come
/// from an allowlisted Origin (the helper's own page or a configured bank origin) and carry JSON, which a
/// cross-site form or a CORS-simple request cannot do.
/// </summary>
public sealed class LocalApiGuard(RequestDelegate next, IOptions<HelperSecurityOptions> options, ILogger<LocalApiGuard> logger)
{
    private readonly HashSet<string> _bankOrigins = new(
        options.Value.BankOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsLoopbackHost(context.Request.Host))
        {
            logger.LogWarning(new EventId(3001, "HostRejected"), "Refused a request for host {Host}", context.Request.Host.Value);
            await CatalogProblem.WriteAsync(context, ErrorCatalog.G305e);
            return;
        }

        if (IsStateChanging(context.Request.Method))
        {
            var origin = context.Request.Headers.Origin.ToString();
            if (!IsAllowedOrigin(origin, context.Request))
            {
                logger.LogWarning(new EventId(3002, "OriginRejected"), "Refused {Method} {Path} from origin {Origin}",
                    context.Request.Method, context.Request.Path, string.IsNullOrEmpty(origin) ? "(none)" : origin);
                await CatalogProblem.WriteAsync(context, ErrorCatalog.G301e);
                return;
            }

            if (!context.Request.HasJsonContentType())
            {
                logger.LogWarning(new EventId(3003, "ContentTypeRejected"), "Refused {Method} {Path} with content type {ContentType}",
                    context.Request.Method, context.Request.Path, context.Request.ContentType ?? "(none)");
                await CatalogProblem.WriteAsync(context, ErrorCatalog.G302e);
                return;
            }
        }

        await next(context);
    }

    public static bool IsStateChanging(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    public static bool IsLoopbackHost(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var name = host.Host;
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    public bool IsAllowedOrigin(string origin, HttpRequest request)
    {
        if (string.IsNullOrEmpty(origin) || !Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false; // includes "null", sent by sandboxed frames and file: pages
        }

        if (_bankOrigins.Contains(origin.TrimEnd('/')))
        {
            return true;
        }

        // The helper's own page: same scheme, a loopback name, and the port the request came in on.
        var requestPort = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && uri.Port == requestPort
            && IsLoopbackHost(new HostString(uri.Authority));
    }
}
