using System.Net;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Infrastructure.Network;

/// <summary>
/// Sends a request to the center or the CA and says in the catalog's words what went wrong on the way: an address
/// that cannot be reached or a timeout is G005e naming the address to let through the firewall, a refused TLS
/// server is G207e, a proxy that wants another ID or password is G009e, a busy peer is G008e with its Retry-After.
/// The log gets the kind of failure, never a request body.
/// </summary>
public static class PeerFailures
{
    private static readonly EventId Unreachable = new(2100, "PeerUnreachable");

    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpRequestMessage request, ILogger logger, CancellationToken cancellationToken)
    {
        var peer = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(client.BaseAddress!, request.RequestUri);
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(Unreachable, "{Peer} did not answer within {TimeoutSeconds} s", PeerAddress.Origin(peer), client.Timeout.TotalSeconds);
            throw new CertPlatformException(ErrorCatalog.G005eUnreachable(PeerAddress.Origin(peer)), innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw Translate(ex, peer, logger);
        }
    }

    public static CertPlatformException Translate(HttpRequestException exception, Uri peer, ILogger logger)
    {
        var origin = PeerAddress.Origin(peer);
        var (error, kind) = exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => (ErrorCatalog.G005eUnreachable(origin), "the name does not resolve (DNS)"),
            HttpRequestError.ConnectionError => (ErrorCatalog.G005eUnreachable(origin), "the connection was refused or reset"),
            HttpRequestError.SecureConnectionError => (ErrorCatalog.G207e, "the TLS handshake failed"),
            HttpRequestError.ProxyTunnelError when exception.StatusCode == HttpStatusCode.ProxyAuthenticationRequired =>
                (ErrorCatalog.G009e, "the proxy refused its ID or password (407)"),
            HttpRequestError.ProxyTunnelError => (ErrorCatalog.G005eUnreachable(origin), $"the proxy did not open a tunnel ({(int?)exception.StatusCode})"),
            HttpRequestError.UserAuthenticationError => (ErrorCatalog.G009e, "proxy authentication failed"),
            _ => (ErrorCatalog.G005e, "the connection broke off or the answer was not HTTP"),
        };

        logger.LogWarning(Unreachable, "{Peer} could not be used: {NetworkFailure} ({HttpRequestError}, {Code})",
            origin, kind, exception.HttpRequestError, error.Code);
        return new CertPlatformException(error, innerException: exception);
    }

    /// <summary>The answers every peer may give whatever it was asked: 407 from a proxy, 429 or 503 when busy.</summary>
    public static void ThrowIfProxyOrBusy(HttpResponseMessage response, DateTimeOffset now, ILogger logger)
    {
        var origin = PeerAddress.Origin(response.RequestMessage!.RequestUri!);
        switch (response.StatusCode)
        {
            case HttpStatusCode.ProxyAuthenticationRequired:
                logger.LogWarning(Unreachable, "The proxy refused its ID or password on the way to {Peer} (407)", origin);
                throw new CertPlatformException(ErrorCatalog.G009e);
            case HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable:
                var retryAfter = RetryAfter(response, now);
                logger.LogWarning("{Peer} is busy ({Status}), retry after {RetryAfterSeconds} s", origin, (int)response.StatusCode, retryAfter?.TotalSeconds);
                throw new CertPlatformException(ErrorCatalog.G008e, retryAfter: retryAfter);
        }
    }

    /// <summary>Retry-After as seconds or as an HTTP date, kept between zero and a day.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        return wait is { } w ? TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, TimeSpan.TicksPerDay)) : null;
    }
}
