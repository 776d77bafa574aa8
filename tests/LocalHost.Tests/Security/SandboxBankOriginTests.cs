using System.Net;
using CertPlatform.Sandbox.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>
/// The sandbox bank the helper serves itself over HTTPS (Sandbox:Https:Enabled) may call the helper from its pages,
/// as a configured bank origin may: BSMS001's 「証明書発行アプリの起動」 reads the status across origins.
/// </summary>
public sealed class SandboxBankOriginTests : IDisposable
{
    private readonly HelperFactory _helper = new(new Dictionary<string, string?>
    {
        ["Sandbox:Https:Enabled"] = "true",
        ["Sandbox:Https:Port"] = "0",
    });

    private int SandboxPort => (_helper.Services.GetRequiredService<SandboxHttpsServer>().BaseAddress
        ?? throw new InvalidOperationException("The HTTPS sandbox did not start.")).Port;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task The_sandbox_banks_pages_may_read_the_helpers_status(string host)
    {
        var origin = $"https://{host}:{SandboxPort}";

        using var response = await Status(origin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(origin, Requests.Header(response, "Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("https://127.0.0.1:{0}1")]
    [InlineData("http://127.0.0.1:{0}")]
    [InlineData("https://192.168.1.10:{0}")]
    [InlineData("https://sandbox.example:{0}")]
    public async Task Only_the_sandbox_banks_exact_origin_is_allowed(string pattern)
    {
        using var response = await Status(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, SandboxPort));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("G301e", await Requests.CodeOf(response));
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Origin"));
    }

    public void Dispose() => _helper.Dispose();

    private async Task<HttpResponseMessage> Status(string origin)
    {
        var client = _helper.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/status");
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }
}
