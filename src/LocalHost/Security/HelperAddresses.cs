using System.Globalization;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.LocalHost.Hosting;

namespace CertPlatform.LocalHost.Security;

/// <summary>
/// Where the helper is: a loopback name (localhost, 127.0.0.1, [::1]) and the port the request's connection came
/// in on. That is the socket Kestrel really accepted on, also when port 0 was asked for; the server's address
/// list is not used, because an in-memory test server reports the configured URLs there without listening on
/// them. An in-memory connection has no port: then the configured <c>Helper:Port</c> and the scheme's default
/// (what a test client's base address sends) stand for it.
/// </summary>
public sealed class HelperAddresses(IConfiguration configuration)
{
    private readonly int _configuredPort = HelperOptions.PortOf(configuration);

    /// <summary>Whether the Host header names the helper: a loopback name and its port, nothing else.</summary>
    public bool IsHelperHost(HttpRequest request) =>
        request.Host.HasValue
        && TryParseAuthority(request.Host.Value, out var name, out var port)
        && IsLoopbackName(name)
        && IsHelperPort(request, port ?? DefaultPort(request.Scheme));

    /// <summary>Whether an origin is the helper's own page: same scheme, a loopback name, the helper's port.</summary>
    public bool IsOwnOrigin(Uri origin, HttpRequest request) =>
        string.Equals(origin.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && IsLoopbackName(origin.Host)
        && IsHelperPort(request, origin.Port);

    private static bool IsLoopbackName(string name) =>
        LoopbackBinding.LoopbackHosts.Contains(name, StringComparer.OrdinalIgnoreCase);

    private bool IsHelperPort(HttpRequest request, int port)
    {
        var local = request.HttpContext.Connection.LocalPort;
        return local > 0 ? port == local : port == DefaultPort(request.Scheme) || port == _configuredPort;
    }

    private static int DefaultPort(string scheme) =>
        string.Equals(scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) ? 443 : 80;

    /// <summary>Splits <c>name[:port]</c> strictly: a bracketed IPv6 literal or a name without colons, then digits only.</summary>
    private static bool TryParseAuthority(string value, out string name, out int? port)
    {
        port = null;
        string rest;
        if (value.StartsWith('['))
        {
            var end = value.IndexOf(']', StringComparison.Ordinal);
            if (end < 0)
            {
                name = string.Empty;
                return false;
            }

            name = value[..(end + 1)];
            rest = value[(end + 1)..];
        }
        else
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            name = colon < 0 ? value : value[..colon];
            rest = colon < 0 ? string.Empty : value[colon..];
        }

        if (rest.Length == 0)
        {
            return name.Length > 0;
        }

        if (rest[0] != ':' || rest.Length is < 2 or > 6 || !rest[1..].All(char.IsAsciiDigit))
        {
            return false;
        }

        var number = int.Parse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture);
        port = number;
        return number is > 0 and <= LoopbackBinding.HighestPort;
    }
}
