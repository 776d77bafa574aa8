using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>Requests as the attack suite sends them, and what it reads back.</summary>
public static class Requests
{
    public const string IssuePath = "/api/v1/certificates/issue";

    /// <summary>A valid-looking issuance body for a login ID that does not exist (no certificate, no lockout).</summary>
    public const string UnknownUserBody = """{"loginId":"nobody99","password":"Guess-Pass-0001"}""";

    public static HttpRequestMessage Post(string path, string body, string? origin = HelperFactory.OwnOrigin, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return request;
    }

    public static HttpRequestMessage Get(string path, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return request;
    }

    public static HttpRequestMessage Preflight(string path, string origin, string method = "POST", bool privateNetwork = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.TryAddWithoutValidation("Origin", origin);
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", method);
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "content-type,x-request-id");
        if (privateNetwork)
        {
            request.Headers.TryAddWithoutValidation("Access-Control-Request-Private-Network", "true");
        }

        return request;
    }

    /// <summary>The catalog code of a problem answer, or null when the answer is not one.</summary>
    public static async Task<string?> CodeOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    /// <summary>The answer of a rate limit: 429, G303e, and how long to wait, within the window.</summary>
    public static async Task AssertRateLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("G303e", await CodeOf(response));
        var retryAfter = int.Parse(Header(response, "Retry-After")!, CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
    }
}
