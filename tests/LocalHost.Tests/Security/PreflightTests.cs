using System.Net;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>
/// CORS and Private Network Access / Local Network Access preflights: answered for the allowlisted origins
/// only, and then with exactly what the API needs.
/// </summary>
public class PreflightTests(HelperFactory app) : IClassFixture<HelperFactory>
{
    [Fact]
    public async Task A_foreign_preflight_gets_no_cors_headers()
    {
        using var response = await app.CreateClient().SendAsync(Requests.Preflight(Requests.IssuePath, "https://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("G301e", await Requests.CodeOf(response));
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Methods"));
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task A_foreign_private_network_preflight_is_not_allowed_into_the_private_network()
    {
        using var response = await app.CreateClient().SendAsync(Requests.Preflight(Requests.IssuePath, "https://evil.example", privateNetwork: true));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Private-Network"));
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task An_origin_null_preflight_is_refused()
    {
        using var response = await app.CreateClient().SendAsync(Requests.Preflight(Requests.IssuePath, "null", privateNetwork: true));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Private-Network"));
    }

    [Fact]
    public async Task The_banks_private_network_preflight_is_answered()
    {
        using var response = await app.CreateClient().SendAsync(Requests.Preflight(Requests.IssuePath, HelperFactory.BankOrigin, privateNetwork: true));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HelperFactory.BankOrigin, Requests.Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Requests.Header(response, "Access-Control-Allow-Private-Network"));
        Assert.Equal("GET, POST", Requests.Header(response, "Access-Control-Allow-Methods"));
        Assert.Equal("Content-Type, Accept-Language, X-Request-Id", Requests.Header(response, "Access-Control-Allow-Headers"));
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Credentials"));
        Assert.Contains("Origin", Requests.Header(response, "Vary"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_banks_ordinary_preflight_is_answered_without_the_private_network_grant()
    {
        using var response = await app.CreateClient().SendAsync(Requests.Preflight(Requests.IssuePath, HelperFactory.BankOrigin));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HelperFactory.BankOrigin, Requests.Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Private-Network"));
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task A_preflight_for_a_method_the_api_does_not_take_is_refused(string method)
    {
        using var response = await app.CreateClient().SendAsync(Requests.Preflight(Requests.IssuePath, HelperFactory.BankOrigin, method));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_preflight_outside_the_api_is_refused()
    {
        using var response = await app.CreateClient().SendAsync(Requests.Preflight("/index.html", HelperFactory.BankOrigin, "GET", privateNetwork: true));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Private-Network"));
    }
}
