using System.Net.Http.Json;
using System.Text.Json;
using CertPlatform.Application;
using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertPlatform.LocalHost.Tests.Updates;

/// <summary>The embedded sandbox's update feed, for demos: served at /sandbox/updates/ and pinned automatically.</summary>
public sealed class SandboxFeedApiTests
{
    [Fact]
    public async Task The_sandbox_feed_serves_a_manifest_signed_with_its_key()
    {
        using var helper = new HelperFactory(new Dictionary<string, string?> { ["Updates:Rid"] = "linux-x64" });
        var client = helper.CreateClient();

        var manifest = await client.GetByteArrayAsync(new Uri("/sandbox/updates/manifest.json", UriKind.Relative));
        var signature = await client.GetByteArrayAsync(new Uri("/sandbox/updates/manifest.json.sig", UriKind.Relative));

        using var key = ManifestSignature.ImportPublicKey(File.ReadAllText(Path.Combine(helper.DataDirectory, "sandbox", "update-feed.pub.pem")));
        Assert.Equal(SignatureCheck.Valid, ManifestSignature.Verify(manifest, signature, key));
    }

    [Fact]
    public async Task By_default_the_sandbox_offers_no_update()
    {
        using var helper = new HelperFactory(new Dictionary<string, string?> { ["Updates:Rid"] = "linux-x64" });

        var info = await helper.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/updates");

        Assert.False(info.GetProperty("available").GetBoolean());
        Assert.Equal(info.GetProperty("current").GetString(), info.GetProperty("latest").GetString());
    }

    [Fact]
    public async Task A_demo_sets_a_higher_version_and_the_helper_offers_it()
    {
        using var helper = new HelperFactory(new Dictionary<string, string?> { ["Updates:Rid"] = "linux-x64", ["Sandbox:Updates:LatestVersion"] = "1.1.0" });

        var info = await helper.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/updates");

        Assert.True(info.GetProperty("available").GetBoolean());
        Assert.Equal("1.1.0", info.GetProperty("latest").GetString());
    }

    [Fact]
    public void A_feed_without_a_pinned_key_stops_the_helper_at_start()
    {
        var ex = StartupValidation(new() { ["Updates:FeedUrl"] = "https://updates.bank.example/feed/manifest.json" });

        Assert.IsType<OptionsValidationException>(ex);
    }

    [Theory]
    [InlineData("http://updates.bank.example/feed/manifest.json")]
    [InlineData("ftp://updates.bank.example/feed/manifest.json")]
    [InlineData("manifest.json")]
    public void A_feed_that_is_not_https_stops_the_helper_at_start(string url)
    {
        var ex = StartupValidation(new() { ["Updates:FeedUrl"] = url, ["Updates:PublicKeyPem"] = SomePublicKey() });

        var validation = Assert.IsType<OptionsValidationException>(ex);
        Assert.Contains("Updates:FeedUrl", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_sandbox_feed_passes_the_same_checks()
    {
        Assert.Null(StartupValidation([]));
    }

    /// <summary>
    /// Runs the checks that stop the helper at start (what <c>ValidateOnStart</c> registers) on the helper's own
    /// registrations: the same code the host runs first in StartAsync, without a host whose failed start races its
    /// own disposal.
    /// </summary>
    private static Exception? StartupValidation(Dictionary<string, string?> settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "certplatform-tests", Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Helper:DataDirectory"] = data,
            ["Store:Kind"] = "X509",
            ["Store:Name"] = $"CertPlatformTest-{Guid.NewGuid():N}",
        }).AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddApplication(configuration).AddInfrastructure(configuration).BuildServiceProvider();
        try
        {
            return Record.Exception(() => services.GetRequiredService<IStartupValidator>().Validate());
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static string SomePublicKey()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return key.ExportSubjectPublicKeyInfoPem();
    }
}
