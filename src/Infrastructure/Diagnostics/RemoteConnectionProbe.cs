using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Checks;
using CertPlatform.Application.Diagnostics;
using CertPlatform.Application.Ports;
using CertPlatform.Infrastructure.Est;
using CertPlatform.Infrastructure.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Diagnostics;

/// <summary>
/// Probes the bank's center (<c>GET center/v1/time</c>) and CA (<c>GET cacerts</c>) with a handler from the same
/// <see cref="PeerHandlerFactory"/> issuance uses (proxy, pinned TLS trust), so diagnostics see what issuance would
/// see. The trust decision is watched as it is made, to tell a name mismatch from an untrusted chain.
/// </summary>
public sealed class RemoteConnectionProbe(
    IOptions<CenterOptions> center,
    IOptions<EstOptions> ca,
    IOptions<NetworkOptions> network,
    IOptions<DiagnosticsOptions> diagnostics,
    PeerHandlerFactory handlers,
    TimeProvider time,
    ILogger<RemoteConnectionProbe> logger)
    : IConnectionProbe
{
    public string CenterMode => nameof(Infrastructure.CenterMode.Remote);

    public ProxyInEffect Proxy
    {
        get
        {
            var proxy = network.Value.Proxy;
            return proxy.Mode switch
            {
                ProxyMode.None => new ProxyInEffect(nameof(ProxyMode.None), null, false),
                ProxyMode.Explicit => new ProxyInEffect(nameof(ProxyMode.Explicit), PeerAddress.Origin(new Uri(proxy.Url!)), proxy.HasCredentials),
                _ => new ProxyInEffect(nameof(ProxyMode.System), SystemProxyFor(center.Value.BaseAddress), proxy.HasCredentials),
            };
        }
    }

    public async Task<IReadOnlyList<PeerProbe>> ProbeAsync(CancellationToken cancellationToken)
    {
        var probes = await Task.WhenAll(
            ProbeAsync(CheckNames.Center, new Uri(center.Value.BaseAddress, Center.CenterContract.TimePath), cancellationToken),
            ProbeAsync(CheckNames.Ca, new Uri(ca.Value.EstRoot, "cacerts"), cancellationToken));
        return probes;
    }

    private async Task<PeerProbe> ProbeAsync(string peer, Uri target, CancellationToken cancellationToken)
    {
        var origin = PeerAddress.Origin(target);
        var timeout = diagnostics.Value.ProbeTimeout;
        using var handler = handlers.Create();
        handler.ConnectTimeout = timeout;

        // The configured trust decides; this only remembers why it said no.
        SslPolicyErrors? refused = null;
        string? chainStatus = null;
        var decide = handler.SslOptions.RemoteCertificateValidationCallback;
        handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
        {
            var accepted = decide?.Invoke(sender, certificate, chain, errors) ?? errors == SslPolicyErrors.None;
            if (!accepted)
            {
                refused = errors;
                chainStatus = chain is null ? null : string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            }

            return accepted;
        };

        using var client = new HttpClient(handler, disposeHandler: false) { Timeout = timeout };
        var started = time.GetTimestamp();
        PeerProbe Result(PeerOutcome outcome, int? status = null, string? reason = null) =>
            new(peer, origin, outcome, time.GetElapsedTime(started), status, reason);
        try
        {
            using var response = await client.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return response.StatusCode == HttpStatusCode.ProxyAuthenticationRequired
                ? Result(PeerOutcome.ProxyRefused, status, "407 from the proxy")
                : Result(PeerOutcome.Reachable, status);
        }
        catch (HttpRequestException ex)
        {
            var result = Classify(ex, refused, chainStatus, Result);
            logger.LogWarning(new EventId(2140, "DiagnosticsPeerFailed"), "Diagnostics: {Peer} at {Address}: {Outcome} ({Reason})", peer, origin, result.Outcome, result.Reason);
            return result;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(new EventId(2140, "DiagnosticsPeerFailed"), "Diagnostics: {Peer} at {Address} did not answer within {TimeoutSeconds} s", peer, origin, timeout.TotalSeconds);
            return Result(PeerOutcome.Timeout, reason: $"no answer within {timeout.TotalSeconds} s");
        }
    }

    private static PeerProbe Classify(
        HttpRequestException exception, SslPolicyErrors? refused, string? chainStatus, Func<PeerOutcome, int?, string?, PeerProbe> result)
    {
        if (refused is { } errors)
        {
            var reason = chainStatus is { Length: > 0 } ? $"{errors} ({chainStatus})" : errors.ToString();
            return errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) ? result(PeerOutcome.NameMismatch, null, reason)
                : errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) ? result(PeerOutcome.Untrusted, null, reason)
                : result(PeerOutcome.HandshakeFailed, null, reason);
        }

        var status = (int?)exception.StatusCode;
        return exception.HttpRequestError switch
        {
            HttpRequestError.SecureConnectionError => result(PeerOutcome.HandshakeFailed, null, "the TLS handshake failed"),
            HttpRequestError.ProxyTunnelError when exception.StatusCode == HttpStatusCode.ProxyAuthenticationRequired =>
                result(PeerOutcome.ProxyRefused, status, "407 from the proxy"),
            HttpRequestError.UserAuthenticationError => result(PeerOutcome.ProxyRefused, status, "proxy authentication failed"),
            HttpRequestError.ProxyTunnelError => result(PeerOutcome.Unreachable, status, $"the proxy did not open a tunnel ({status})"),
            HttpRequestError.NameResolutionError => result(PeerOutcome.Unreachable, null, "the name does not resolve (DNS)"),
            HttpRequestError.ConnectionError => result(PeerOutcome.Unreachable, null, "the connection was refused or reset"),
            _ => result(PeerOutcome.Unreachable, null, $"{exception.HttpRequestError}"),
        };
    }

    /// <summary>The OS proxy for the center's address, or null when the OS sends it direct.</summary>
    private static string? SystemProxyFor(Uri destination)
    {
        var proxy = HttpClient.DefaultProxy;
        if (proxy.IsBypassed(destination))
        {
            return null;
        }

        var via = proxy.GetProxy(destination);
        return via is null || via == destination ? null : PeerAddress.Origin(via);
    }
}
