using System.Net.Http.Json;
using System.Text.Json;
using CertPlatform.Domain.Updates;
using Microsoft.Extensions.Options;

namespace CertPlatform.LocalHost.Tests.Updates;

/// <summary>The embedded sandbox's update feed, for demos: served at /sandbox/updates/ and pinned automatically.</summary>
public sealed class SandboxFeedApiTests
{
    [Fact]
    public async Task The_sandbox_feed_serves_a_manifest_signed_with_its_key()
    {
        using var helper = new UpdateHelperFactory(useFeed: false);
        var client = helper.CreateClient();

        var manifest = await client.GetByteArrayAsync(new Uri("/sandbox/updates/manifest.json", UriKind.Relative));
        var signature = await client.GetByteArrayAsync(new Uri("/sandbox/updates/manifest.json.sig", UriKind.Relative));

        using var key = ManifestSignature.ImportPublicKey(File.ReadAllText(Path.Combine(helper.DataDirectory, "sandbox", "update-feed.pub.pem")));
        Assert.Equal(SignatureCheck.Valid, ManifestSignature.Verify(manifest, signature, key));
    }

    [Fact]
    public async Task By_default_the_sandbox_offers_no_update()
    {
        using var helper = new UpdateHelperFactory(useFeed: false);

        var info = await helper.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/updates");

        Assert.False(info.GetProperty("available").GetBoolean());
        Assert.Equal(info.GetProperty("current").GetString(), info.GetProperty("latest").GetString());
    }

    [Fact]
    public async Task A_demo_sets_a_higher_version_and_the_helper_offers_it()
    {
        using var helper = new UpdateHelperFactory(useFeed: false, new Dictionary<string, string?> { ["Sandbox:Updates:LatestVersion"] = "1.1.0" });

        var info = await helper.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/updates");

        Assert.True(info.GetProperty("available").GetBoolean());
        Assert.Equal("1.1.0", info.GetProperty("latest").GetString());
    }

    [Fact]
    public void A_feed_without_a_pinned_key_stops_the_helper_at_start()
    {
        using var helper = new UpdateHelperFactory(useFeed: false, new Dictionary<string, string?> { ["Updates:FeedUrl"] = "https://updates.bank.example/feed/manifest.json" });

        var ex = Record.Exception(() => helper.CreateClient());

        Assert.IsType<OptionsValidationException>(ex is AggregateException aggregate ? aggregate.InnerException : ex);
    }

    [Theory]
    [InlineData("http://updates.bank.example/feed/manifest.json")]
    [InlineData("ftp://updates.bank.example/feed/manifest.json")]
    [InlineData("manifest.json")]
    public void A_feed_that_is_not_https_stops_the_helper_at_start(string url)
    {
        using var helper = new UpdateHelperFactory(useFeed: true, new Dictionary<string, string?> { ["Updates:FeedUrl"] = url });

        var ex = Record.Exception(() => helper.CreateClient());

        Assert.IsType<OptionsValidationException>(ex is AggregateException aggregate ? aggregate.InnerException : ex);
    }
}
