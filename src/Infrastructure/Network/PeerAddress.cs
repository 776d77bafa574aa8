using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace CertPlatform.Infrastructure.Network;

/// <summary>
/// The rule for the center's and the CA's base addresses: HTTPS, or plain HTTP to this machine only (a bank
/// sandbox or a test double on loopback). No credentials, query or fragment in them; the path ends with a slash
/// so that relative paths resolve under it.
/// </summary>
public static class PeerAddress
{
    public static bool TryParse(string? value, [NotNullWhen(true)] out Uri? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var https = uri.Scheme == Uri.UriSchemeHttps;
        var loopbackHttp = uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri);
        if (!(https || loopbackHttp) || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return false;
        }

        address = uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        return true;
    }

    /// <summary>A proxy: http or https, no credentials in the URL (they have their own settings, kept out of logs).</summary>
    public static bool IsValidProxy(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.UserInfo.Length == 0;

    /// <summary>scheme://host[:port]: what a firewall rule or a support ticket needs, without the path.</summary>
    public static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    public static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
