using System.Net;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>
/// DNS rebinding: a foreign site whose name resolves to 127.0.0.1 reaches the helper's socket, but its requests
/// still carry the foreign name (and port) in the Host header.
/// </summary>
public class DnsRebindingTests(HelperFactory app) : IClassFixture<HelperFactory>
{
    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:52235")]
    [InlineData("localhost.evil.example")]
    [InlineData("127.0.0.1.nip.io:52235")]
    [InlineData("localhost:1234")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("localhost:abc")]
    [InlineData("localhost:")]
    [InlineData("localhost:52235:52235")]
    [InlineData("localhost.")]
    [InlineData("127.0.0.2")]
    [InlineData("0.0.0.0")]
    [InlineData("2130706433")]
    [InlineData("0x7f.1")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("[::1")]
    [InlineData("user@localhost")]
    public async Task A_foreign_host_header_is_misdirected(string host)
    {
        using var request = Requests.Get("/api/v1/status");
        request.Headers.TryAddWithoutValidation("Host", host);

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        Assert.Equal("G305e", await Requests.CodeOf(response));
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:52235")]
    public async Task A_rebound_page_cannot_issue_even_from_the_helpers_own_origin(string host)
    {
        using var request = Requests.Post(Requests.IssuePath, Requests.UnknownUserBody);
        request.Headers.TryAddWithoutValidation("Host", host);

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("localhost:52235")]
    [InlineData("127.0.0.1:52235")]
    [InlineData("[::1]:52235")]
    public async Task The_loopback_names_with_the_helpers_port_are_answered(string host)
    {
        using var request = Requests.Get("/api/v1/status");
        request.Headers.TryAddWithoutValidation("Host", host);

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Pages_and_swagger_are_behind_the_host_check_too()
    {
        using var page = Requests.Get("/");
        page.Headers.TryAddWithoutValidation("Host", "evil.example");
        using var swagger = Requests.Get("/swagger/index.html");
        swagger.Headers.TryAddWithoutValidation("Host", "evil.example");

        Assert.Equal(HttpStatusCode.MisdirectedRequest, (await app.CreateClient().SendAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, (await app.CreateClient().SendAsync(swagger)).StatusCode);
    }
}
