using System.Net;
using CertPlatform.Infrastructure.Updates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CertPlatform.Infrastructure.Tests.Updates;

/// <summary>The update feed's HTTP client as the helper registers it: through the configured proxy, following a CDN's redirects.</summary>
public sealed class FeedHttpClientTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task The_feed_client_follows_a_redirect_to_where_the_manifest_is()
    {
        _server.Given(Request.Create().WithPath("/moved/manifest.json")).RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", "/feed/manifest.json"));
        _server.Given(Request.Create().WithPath("/feed/manifest.json")).RespondWith(Response.Create().WithStatusCode(200).WithBody("{}"));
        using var services = Services(new() { ["Network:Proxy:Mode"] = "None" });

        using var response = await services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpUpdateFeed.ClientName)
            .GetAsync(new Uri(_server.Url + "/moved/manifest.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("/feed/manifest.json", response.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_feed_client_goes_through_the_configured_proxy()
    {
        // The "proxy" is WireMock itself: a request through a proxy names the absolute URL of a host that does not exist.
        _server.Given(Request.Create().WithPath("/manifest.json")).RespondWith(Response.Create().WithStatusCode(200).WithBody("via proxy"));
        using var services = Services(new() { ["Network:Proxy:Mode"] = "Explicit", ["Network:Proxy:Url"] = _server.Url });

        using var response = await services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpUpdateFeed.ClientName)
            .GetAsync(new Uri("http://feed.bank.invalid/manifest.json"));

        Assert.Equal("via proxy", await response.Content.ReadAsStringAsync());
        Assert.Equal("feed.bank.invalid", Assert.Single(_server.LogEntries).RequestMessage!.Host);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        settings["Helper:DataDirectory"] = Path.Combine(Path.GetTempPath(), "certplatform-feed-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
    }
}
