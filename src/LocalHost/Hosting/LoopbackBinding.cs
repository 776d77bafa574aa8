using System.Globalization;
using CertPlatform.Infrastructure.Hosting;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// The helper listens on loopback only, because its API installs certificates for whoever can reach it. The
/// addresses come from <c>--urls</c> / <c>ASPNETCORE_URLS</c> (the <c>urls</c> setting) when given, else
/// <c>http://127.0.0.1:{Helper:Port}</c>. Every place an address can come from is checked before the host is
/// built: <c>urls</c>, <c>Kestrel:Endpoints:*:Url</c> (which Kestrel prefers over <c>urls</c>) and
/// <c>Helper:Port</c>. Anything but 127.0.0.1, [::1] or localhost (a LAN address, <c>0.0.0.0</c>, <c>[::]</c>,
/// <c>*</c>, <c>+</c>, a host name, a Unix socket) refuses to start. <see cref="LoopbackListenerCheck"/> checks
/// again what the server really bound.
/// </summary>
public static class LoopbackBinding
{
    /// <summary>A per-user helper never needs a privileged port (on Unix one would need root).</summary>
    public const int LowestPort = 1024;

    public const int HighestPort = 65535;

    /// <summary>The host names a loopback address may have, in URLs, Host headers and origins alike.</summary>
    public static readonly IReadOnlyList<string> LoopbackHosts = ["127.0.0.1", "[::1]", "localhost"];

    /// <exception cref="InvalidOperationException">A configured address is not loopback, or Helper:Port is out of range.</exception>
    public static string[] Resolve(IConfiguration configuration)
    {
        var refused = new List<string>();

        var portKey = HelperOptions.Key(nameof(HelperOptions.Port));
        var portText = configuration[portKey];
        var port = HelperOptions.DefaultPort;
        if (!string.IsNullOrWhiteSpace(portText)
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < LowestPort or > HighestPort))
        {
            refused.Add($"{portKey} '{portText}' (a port from {LowestPort} to {HighestPort})");
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            var url = endpoint["Url"];
            if (url is null || !IsLoopback(url))
            {
                refused.Add($"Kestrel:Endpoints:{endpoint.Key}:Url '{url}'");
            }
        }

        string[] urls;
        var configured = configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(configured))
        {
            urls = [$"http://127.0.0.1:{port}"];
        }
        else
        {
            urls = configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            refused.AddRange(urls.Where(url => !IsLoopback(url)).Select(url => $"--urls / ASPNETCORE_URLS '{url}'"));
        }

        if (refused.Count > 0)
        {
            throw new InvalidOperationException(
                "CertPlatform listens on loopback only (127.0.0.1, [::1] or localhost) and does not start with: " +
                string.Join("; ", refused) + ". Correct or remove these settings.");
        }

        return urls;
    }

    /// <summary>Whether Kestrel would bind <paramref name="url"/> to loopback only (parsed the way Kestrel parses it).</summary>
    public static bool IsLoopback(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return false;
        }

        return !address.IsUnixPipe && !address.IsNamedPipe
            && (address.Scheme.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) || address.Scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
            && string.IsNullOrEmpty(address.PathBase)
            && LoopbackHosts.Contains(address.Host, StringComparer.OrdinalIgnoreCase);
    }
}
