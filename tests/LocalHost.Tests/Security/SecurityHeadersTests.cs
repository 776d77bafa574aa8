using System.Net;
using System.Text.RegularExpressions;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>The headers on API answers, pages and Swagger UI, errors included.</summary>
public partial class SecurityHeadersTests(HelperFactory app) : IClassFixture<HelperFactory>
{
    [Theory]
    [InlineData("/api/v1/status")]
    [InlineData("/api/v1/certificates")]
    public async Task Api_answers_are_never_cached(string path)
    {
        using var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", Requests.Header(response, "Cache-Control"));
        Assert.Contains("Origin", Requests.Header(response, "Vary"), StringComparison.Ordinal);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Requests.Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Api_errors_are_never_cached_either()
    {
        using var response = await app.CreateClient().SendAsync(Requests.Post(Requests.IssuePath, "{", HelperFactory.OwnOrigin));

        Assert.Equal("G006e", await Requests.CodeOf(response));
        Assert.Equal("no-store", Requests.Header(response, "Cache-Control"));
        AssertCommonHeaders(response);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    public async Task Pages_allow_no_inline_script_and_no_framing(string path)
    {
        using var response = await app.CreateClient().GetAsync(path);
        var policy = Requests.Header(response, "Content-Security-Policy")!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        AssertCommonHeaders(response);
    }

    [Fact]
    public async Task The_helpers_page_has_no_inline_script_the_policy_would_block()
    {
        var html = await app.CreateClient().GetStringAsync("/");

        Assert.Empty(InlineScript().Matches(html));
    }

    [Fact]
    public async Task Swagger_ui_is_served_under_a_policy_without_inline_script()
    {
        using var response = await app.CreateClient().GetAsync("/swagger/index.html");
        var policy = Requests.Header(response, "Content-Security-Policy")!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        AssertCommonHeaders(response);
    }

    [Fact]
    public async Task Swagger_ui_has_no_inline_script()
    {
        var html = await app.CreateClient().GetStringAsync("/swagger/index.html");

        Assert.Contains("<script", html, StringComparison.Ordinal);
        Assert.Empty(InlineScript().Matches(html));
    }

    [Fact]
    public async Task Swagger_document_is_available_on_loopback()
    {
        using var response = await app.CreateClient().GetAsync("/swagger/v1/swagger.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
    }

    [Fact]
    public async Task Refusals_carry_the_headers_too()
    {
        using var request = Requests.Get("/api/v1/status");
        request.Headers.TryAddWithoutValidation("Host", "evil.example");

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        Assert.Equal("no-store", Requests.Header(response, "Cache-Control"));
        AssertCommonHeaders(response);
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Requests.Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Requests.Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Requests.Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Requests.Header(response, "Cross-Origin-Resource-Policy"));
    }

    /// <summary>A script element without a src attribute: inline code.</summary>
    [GeneratedRegex("<script(?![^>]*\\bsrc\\s*=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
