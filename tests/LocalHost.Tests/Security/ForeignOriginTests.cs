using System.Net;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>Only the helper's own page and the bank's origins may drive the API; every other page is refused.</summary>
public class ForeignOriginTests(HelperFactory app) : IClassFixture<HelperFactory>
{
    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://evil.example")]
    [InlineData("https://ib.bank.example.evil.example")]
    [InlineData("https://evil.example/https://ib.bank.example")]
    [InlineData("http://ib.bank.example")]
    [InlineData("https://ib.bank.example:8443")]
    [InlineData("https://ib.bank.example/")]
    [InlineData("https://ib.bank.example/login")]
    [InlineData("https://user@ib.bank.example")]
    [InlineData("http://localhost:3000")]
    [InlineData("http://127.0.0.1:1234")]
    [InlineData("https://localhost")]
    [InlineData("http://localhost.evil.example")]
    [InlineData("http://2130706433")]
    [InlineData("file://")]
    [InlineData("chrome-extension://abcdefghijklmnop")]
    [InlineData("ib.bank.example")]
    [InlineData("")]
    [InlineData("*")]
    public async Task A_foreign_origin_cannot_issue(string origin)
    {
        using var response = await app.CreateClient().SendAsync(Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, origin));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("G301e", await Requests.CodeOf(response));
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Origin_null_is_refused()
    {
        // Sandboxed frames, file: pages and some redirects send the literal "null".
        using var response = await app.CreateClient().SendAsync(Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, "null"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("G301e", await Requests.CodeOf(response));
    }

    [Fact]
    public async Task Two_origins_in_one_request_are_refused()
    {
        using var request = Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, HelperFactory.BankOrigin);
        request.Headers.TryAddWithoutValidation("Origin", "https://evil.example");

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal("G301e", await Requests.CodeOf(response));
    }

    [Theory]
    [InlineData("cors", "cross-site")]
    [InlineData("navigate", "cross-site")]
    [InlineData("no-cors", "same-site")]
    [InlineData(null, null)]
    public async Task A_state_changing_request_without_an_origin_is_refused(string? mode, string? site)
    {
        using var request = Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, origin: null);
        if (mode is not null)
        {
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Mode", mode);
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", site);
        }

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("G301e", await Requests.CodeOf(response));
    }

    [Theory]
    [InlineData("/api/v1/certificates")]
    [InlineData("/api/v1/status")]
    public async Task A_foreign_page_cannot_read_the_state_with_cors(string path)
    {
        using var response = await app.CreateClient().SendAsync(Requests.Get(path, "https://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/api/v1/certificates", "cross-site", "no-cors")]
    [InlineData("/api/v1/certificates", "same-site", "no-cors")]
    [InlineData("/api/v1/status", "cross-site", "navigate")]
    public async Task A_page_on_another_site_cannot_read_the_state_without_cors(string path, string site, string mode)
    {
        using var request = Requests.Get(path);
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", site);
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Mode", mode);

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("G301e", await Requests.CodeOf(response));
    }

    [Theory]
    [InlineData("same-origin")]
    [InlineData("none")]
    [InlineData(null)]
    public async Task The_helpers_own_page_the_address_bar_and_tools_read_the_state(string? site)
    {
        using var request = Requests.Get("/api/v1/certificates");
        if (site is not null)
        {
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", site);
        }

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_banks_page_reads_the_state_with_cors()
    {
        using var request = Requests.Get("/api/v1/certificates", HelperFactory.BankOrigin);
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HelperFactory.BankOrigin, Requests.Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task The_banks_page_reads_an_error_with_its_code()
    {
        using var response = await app.CreateClient().SendAsync(Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, HelperFactory.BankOrigin));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("G101e", await Requests.CodeOf(response));
        Assert.Equal(HelperFactory.BankOrigin, Requests.Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("Retry-After", Requests.Header(response, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HelperFactory.OwnOrigin)]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://[::1]")]
    [InlineData("http://localhost:52235")]
    [InlineData(HelperFactory.BankOrigin)]
    [InlineData("HTTPS://IB.BANK.EXAMPLE")]
    public async Task An_allowlisted_origin_reaches_the_handler(string origin)
    {
        using var response = await app.CreateClient().SendAsync(Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, origin));

        Assert.Equal("G101e", await Requests.CodeOf(response));
    }
}
