namespace CertPlatform.Domain.Launch;

/// <summary>The helper screen a launch URL asks for.</summary>
public enum HelperScreen
{
    /// <summary>The main screen (証明書取得メイン画面), for <c>certplatform://</c> and anything not understood.</summary>
    Main,

    /// <summary>Issuance: CCHK002 for a new certificate (the bank's 「証明書発行アプリの起動」 on BSMS001).</summary>
    Issue,

    /// <summary>Renewal: the certificate list, to choose the certificate to renew (2.2).</summary>
    Renew,
}

/// <summary>
/// The bank's button opens <c>&lt;scheme&gt;://issue</c>, <c>&lt;scheme&gt;://renew</c> or <c>&lt;scheme&gt;://</c>. Only the
/// first name after the scheme is read, and only to choose one of three screens: a URL can never choose a setting,
/// a file, a port, an origin or a login ID, and one that is unknown, malformed or too long opens the main screen.
/// Command-line arguments that are not URLs of the scheme are not launch URLs at all.
/// </summary>
public static class LaunchUrl
{
    /// <summary>Longer than any URL the bank's button sends; longer ones are not read.</summary>
    public const int MaxLength = 2048;

    /// <summary>The screen the first argument that is a URL of <paramref name="scheme"/> asks for; null when none is.</summary>
    public static HelperScreen? Find(IEnumerable<string> arguments, string scheme)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var argument in arguments)
        {
            if (IsOfScheme(argument, scheme))
            {
                return ScreenOf(argument, scheme);
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="argument"/> is a URL of the scheme (<c>scheme:</c>, any case).</summary>
    public static bool IsOfScheme(string? argument, string scheme)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);
        return argument is not null
            && argument.Length > scheme.Length
            && argument.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && argument[scheme.Length] == ':';
    }

    /// <summary>The screen a URL of the scheme asks for.</summary>
    public static HelperScreen ScreenOf(string url, string scheme)
    {
        if (!IsOfScheme(url, scheme) || url.Length > MaxLength)
        {
            return HelperScreen.Main;
        }

        var rest = url.AsSpan(scheme.Length + 1);
        rest = rest.TrimStart('/');
        var end = rest.IndexOfAny("/?#\\");
        var name = end < 0 ? rest : rest[..end];
        return name switch
        {
            _ when name.Equals("issue", StringComparison.OrdinalIgnoreCase) => HelperScreen.Issue,
            _ when name.Equals("renew", StringComparison.OrdinalIgnoreCase) => HelperScreen.Renew,
            _ => HelperScreen.Main,
        };
    }

    /// <summary>The fragment of the helper's page that opens the screen (<c>#issue</c>, <c>#renew</c>, or none).</summary>
    public static string FragmentOf(HelperScreen screen) => screen switch
    {
        HelperScreen.Issue => "#issue",
        HelperScreen.Renew => "#renew",
        _ => string.Empty,
    };
}

/// <summary>What a bank's URL scheme may be (RFC 3986 section 3.1), and which it may not: the web's own.</summary>
public static class UrlSchemes
{
    public static bool IsValid(string? scheme) =>
        scheme is { Length: >= 2 and <= 32 }
        && char.IsAsciiLetterLower(scheme[0])
        && scheme.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '+' or '.' or '-')
        && scheme is not ("http" or "https" or "file" or "ftp" or "data" or "javascript" or "blob" or "ws" or "wss");
}
