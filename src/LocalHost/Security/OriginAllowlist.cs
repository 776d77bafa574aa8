using CertPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace CertPlatform.LocalHost.Security;

/// <summary>
/// The pages that may drive the API: the helper's own (a loopback name and its port) and the bank's origins in
/// <c>Helper:BankOrigins</c>, and the bank pages an <see cref="IBankOriginSource"/> knows while the helper runs (the
/// embedded sandbox's own HTTPS bank, whose BSMS001 page launches the helper as a bank's page does). An origin matches only in the exact form a browser serializes it
/// (<c>scheme://host[:port]</c>, lower case, no default port, no path, no user info); <c>null</c>, <c>file:</c>
/// and anything a browser would not send are refused.
/// </summary>
public sealed class OriginAllowlist
{
    private readonly HashSet<string> _bankOrigins;
    private readonly HelperAddresses _helper;
    private readonly IBankOriginSource[] _sources;

    public OriginAllowlist(IOptions<HelperOptions> options, HelperAddresses helper, IEnumerable<IBankOriginSource> sources)
    {
        _helper = helper;
        _sources = [.. sources];
        _bankOrigins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var configured in options.Value.BankOrigins)
        {
            _bankOrigins.Add(Uri.TryCreate(configured, UriKind.Absolute, out var uri) ? Serialize(uri) : configured);
        }
    }

    /// <summary>Whether the request's Origin header values name an allowed page (exactly one value).</summary>
    public bool Allows(HttpRequest request)
    {
        var origin = request.Headers.Origin;
        return origin.Count == 1 && TryParse(origin[0], out var uri)
            && (_bankOrigins.Contains(Serialize(uri)) || _helper.IsOwnOrigin(uri, request) || _sources.Any(s => s.IsBankOrigin(uri)));
    }

    /// <summary>Whether the request's Origin is the helper's own page (not a bank's).</summary>
    public bool IsOwn(HttpRequest request)
    {
        var origin = request.Headers.Origin;
        return origin.Count == 1 && TryParse(origin[0], out var uri) && _helper.IsOwnOrigin(uri, request);
    }

    /// <summary>An http(s) origin in its serialized form, or false for <c>null</c> and everything that is not one.</summary>
    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? origin)
    {
        origin = null;
        if (string.IsNullOrEmpty(value) || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0
            || !string.Equals(value, Serialize(uri), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        origin = uri;
        return true;
    }

    private static string Serialize(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
}
