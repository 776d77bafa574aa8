using System.Net;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// The helper listens on loopback only. Addresses come from <c>--urls</c> / <c>urls</c> when given, else
/// <c>http://127.0.0.1:{Helper:Port}</c>; any other host (a LAN address, <c>0.0.0.0</c>, <c>*</c>, <c>+</c>)
/// refuses to start, because the API installs certificates for whoever can reach it.
/// </summary>
public static class LoopbackBinding
{
    public const int DefaultPort = 52235;

    public static string[] Resolve(IConfiguration configuration)
    {
        var configured = configuration["urls"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            var port = configuration.GetValue("Helper:Port", DefaultPort);
            return [$"http://127.0.0.1:{port}"];
        }

        var urls = configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var url in urls)
        {
            if (!IsLoopback(url))
            {
                throw new InvalidOperationException(
                    $"CertPlatform listens on loopback only (127.0.0.1, [::1] or localhost); '{url}' is refused. " +
                    "Remove it from --urls / ASPNETCORE_URLS.");
            }
        }

        return urls;
    }

    public static bool IsLoopback(string url)
    {
        // Kestrel's wildcards are not valid URI hosts: refuse them before parsing.
        var afterScheme = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        if (afterScheme.StartsWith('*') || afterScheme.StartsWith('+'))
        {
            return false;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
