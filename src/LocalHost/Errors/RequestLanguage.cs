using Microsoft.AspNetCore.Http.Headers;

namespace CertPlatform.LocalHost.Errors;

/// <summary>The language of a response: the first of ja/en in Accept-Language by quality, Japanese by default.</summary>
public static class RequestLanguage
{
    public const string Japanese = "ja";
    public const string English = "en";

    public static string Of(HttpRequest request)
    {
        RequestHeaders headers;
        try
        {
            headers = request.GetTypedHeaders();
            foreach (var language in headers.AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
            {
                var value = language.Value.Value ?? string.Empty;
                if (value.StartsWith(English, StringComparison.OrdinalIgnoreCase))
                {
                    return English;
                }

                if (value.StartsWith(Japanese, StringComparison.OrdinalIgnoreCase))
                {
                    return Japanese;
                }
            }
        }
        catch (FormatException)
        {
            // A malformed header is no reason to fail the request.
        }

        return Japanese;
    }
}
