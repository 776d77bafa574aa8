using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Network;

/// <summary>
/// The one place where connections to the center and the CA are made: proxy, timeouts and TLS trust from
/// configuration, no redirects (a redirect must not carry a ticket elsewhere), no cookies. A handler that presents
/// a client certificate is made per call and disposed after it, so the certificate never rides on a pooled
/// connection that another request reuses.
/// </summary>
public sealed class PeerHandlerFactory(IOptions<NetworkOptions> options, TlsServerTrust trust, ProxyCredentials proxyCredentials)
{
    public const int MaxResponseBytes = 1024 * 1024;

    public SocketsHttpHandler Create(X509Certificate2? clientCertificate = null)
    {
        var handler = CreateWithSystemTrust(options.Value, proxyCredentials);
        trust.Apply(handler.SslOptions);

        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return handler;
    }

    /// <summary>
    /// The same proxy, credentials and timeouts, with the OS's roots for TLS: for the update feed, which a bank may serve
    /// from a CDN with a publicly trusted certificate (the feed's manifest is signed; TLS is not what it is trusted for).
    /// </summary>
    public static SocketsHttpHandler CreateWithSystemTrust(NetworkOptions network, ProxyCredentials proxyCredentials)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = network.Timeout,
            // The gateways live as long as the helper: fresh connections now and then follow DNS changes.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        ConfigureProxy(handler, network.Proxy, proxyCredentials);
        return handler;
    }

    /// <summary>A client like <paramref name="template"/> (base address, timeout, headers) that authenticates with <paramref name="certificate"/>.</summary>
    public HttpClient CreateClientAuthenticatedAs(HttpClient template, X509Certificate2 certificate)
    {
        var client = new HttpClient(Create(certificate), disposeHandler: true)
        {
            BaseAddress = template.BaseAddress,
            Timeout = template.Timeout,
            MaxResponseContentBufferSize = template.MaxResponseContentBufferSize,
        };
        foreach (var header in template.DefaultRequestHeaders)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(header.Key, header.Value);
        }

        return client;
    }

    /// <summary>Settings every peer client shares.</summary>
    public void ConfigureClient(HttpClient client, Uri baseAddress)
    {
        client.BaseAddress = baseAddress;
        client.Timeout = options.Value.Timeout;
        client.MaxResponseContentBufferSize = MaxResponseBytes;
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"CertPlatform/{typeof(PeerHandlerFactory).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"}");
    }

    private static void ConfigureProxy(SocketsHttpHandler handler, ProxyOptions proxy, ProxyCredentials proxyCredentials)
    {
        switch (proxy.Mode)
        {
            case ProxyMode.None:
                handler.UseProxy = false;
                break;
            case ProxyMode.Explicit:
                handler.UseProxy = true;
                handler.Proxy = new ExplicitProxy(new Uri(proxy.Url!), proxyCredentials);
                break;
            default:
                // HttpClient.DefaultProxy: the OS's settings, answered with the screen's, the configured or the
                // logged-on user's credentials (ProxyCredentials).
                handler.UseProxy = true;
                handler.DefaultProxyCredentials = proxyCredentials;
                break;
        }
    }

    /// <summary>
    /// The configured proxy for every address. <see cref="WebProxy"/> would bypass loopback addresses; a bank that
    /// configures a proxy means all of the helper's traffic, and the tests reach their peers on loopback.
    /// </summary>
    private sealed class ExplicitProxy(Uri address, ICredentials? credentials) : IWebProxy
    {
        public ICredentials? Credentials { get; set; } = credentials;

        public Uri GetProxy(Uri destination) => address;

        public bool IsBypassed(Uri host) => false;
    }
}
