using System.Net;
using System.Net.Http.Headers;
using CertPlatform.Application.Updates;
using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure.Updates;
using CertPlatform.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Tests.Updates;

/// <summary>The sandbox's demo feed: signed at start with a key kept in the data folder, served in-process.</summary>
public sealed class SandboxUpdateFeedTests : IDisposable
{
    private readonly UpdateFeedServer _env = new();
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        _env.Dispose();
    }

    [Fact]
    public void The_sandbox_manifest_is_signed_with_the_key_in_the_data_folder()
    {
        var (key, feed) = Sandbox(latest: null);

        var manifest = feed.Find(SandboxUpdateFeed.ManifestFile)!.Content;
        var signature = feed.Find(SandboxUpdateFeed.ManifestFile + ManifestSignature.FileSuffix)!.Content;

        using var pinned = ManifestSignature.ImportPublicKey(File.ReadAllText(key.PublicKeyPath));
        Assert.Equal(SignatureCheck.Valid, ManifestSignature.Verify(manifest, signature, pinned));
    }

    [Fact]
    public void By_default_the_sandbox_offers_the_running_version_so_no_update()
    {
        var (_, feed) = Sandbox(latest: null);

        var manifest = UpdateManifestJson.Parse(feed.Find(SandboxUpdateFeed.ManifestFile)!.Content);

        Assert.Equal(SemanticVersion.Parse("1.0.0"), manifest.Version);
    }

    [Fact]
    public void The_feed_key_is_kept_across_starts()
    {
        var (first, _) = Sandbox(latest: null);
        var firstKey = first.PublicKeyPem;

        var (second, _) = Sandbox(latest: null);

        Assert.Equal(firstKey, second.PublicKeyPem);
    }

    [Fact]
    public void On_a_later_start_the_pinned_key_verifies_what_the_reloaded_private_key_signs()
    {
        var (first, _) = Sandbox(latest: null);
        _ = first.PublicKeyPem; // creates both files

        var (second, _) = Sandbox(latest: null);
        var pinned = second.PublicKeyPem; // read from update-feed.pub.pem, before the private key is loaded
        var manifest = "{\"version\":\"1.0.0\"}"u8.ToArray();
        var signature = second.Sign(manifest);

        using var key = ManifestSignature.ImportPublicKey(pinned);
        Assert.Equal(SignatureCheck.Valid, ManifestSignature.Verify(manifest, signature, key));
    }

    [Fact]
    public async Task A_demo_version_set_higher_is_offered_through_the_in_process_feed_and_installs()
    {
        var (key, sandbox) = Sandbox(latest: "1.1.0", minimum: "1.0.1");
        var checker = InProcessChecker(key, sandbox, out var feed);

        var check = await checker.CheckAsync(CancellationToken.None);
        var staged = await feed.DownloadAsync(check.Manifest!.Version, check.Package!, new RecordedProgress(), CancellationToken.None);
        var installed = await _env.Installer().InstallAsync(staged, CancellationToken.None);

        Assert.True(check.Available);
        Assert.True(check.Mandatory);
        Assert.Equal("1.1.0", installed.ToString());
    }

    [Fact]
    public async Task The_sandbox_transport_answers_ranges_as_a_server_does()
    {
        var (_, sandbox) = Sandbox(latest: "1.1.0");
        var name = $"certplatform-1.1.0.zip";
        using var client = new HttpClient(new SandboxFeedHandler(sandbox));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:1{SandboxUpdateFeed.BasePath}{name}");
        request.Headers.Range = new RangeHeaderValue(10, null);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(10, response.Content.Headers.ContentRange!.From);
        Assert.Equal(sandbox.Find(name)!.Content[10..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_unknown_file_of_the_sandbox_feed_is_not_found()
    {
        var (_, sandbox) = Sandbox(latest: null);
        using var client = new HttpClient(new SandboxFeedHandler(sandbox));

        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:1{SandboxUpdateFeed.BasePath}../sandbox/ca.key"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void A_real_update_package_is_offered_for_the_platform_its_name_says()
    {
        var path = Path.Combine(_env.DataDirectory, "certplatform-1.1.0-osx-arm64.update.zip");
        var content = UpdateFeedServer.ReleaseZip("1.1.0");
        File.WriteAllBytes(path, content);
        var (_, feed) = Sandbox(latest: "1.1.0", packagePath: path);

        var manifest = UpdateManifestJson.Parse(feed.Find(SandboxUpdateFeed.ManifestFile)!.Content);

        var (rid, package) = Assert.Single(manifest.Packages);
        Assert.Equal("osx-arm64", rid);
        Assert.Equal(content.Length, package.Size);
        Assert.Equal("certplatform-1.1.0-osx-arm64.update.zip", package.Url.OriginalString);
        Assert.Equal(content, feed.Find("certplatform-1.1.0-osx-arm64.update.zip")!.Content);
    }

    [Fact]
    public void A_package_built_for_the_announced_version_is_offered_without_being_named()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_env.DataDirectory, "packages")).FullName;
        var content = UpdateFeedServer.ReleaseZip("1.1.0");
        File.WriteAllBytes(Path.Combine(folder, $"certplatform-1.1.0-{_env.Options.EffectiveRid}.update.zip"), content);
        File.WriteAllBytes(Path.Combine(folder, $"certplatform-1.2.0-{_env.Options.EffectiveRid}.update.zip"), [1, 2, 3]);
        var (_, feed) = Sandbox(latest: "1.1.0");

        var manifest = UpdateManifestJson.Parse(feed.Find(SandboxUpdateFeed.ManifestFile)!.Content);

        Assert.Equal(content.Length, Assert.Single(manifest.Packages).Value.Size);
    }

    [Fact]
    public void Without_a_built_package_the_demo_package_shows_the_flow()
    {
        var (_, feed) = Sandbox(latest: "1.1.0");

        var manifest = UpdateManifestJson.Parse(feed.Find(SandboxUpdateFeed.ManifestFile)!.Content);

        Assert.True(manifest.Packages.Count > 1);
        Assert.Equal("certplatform-1.1.0.zip", manifest.Packages.Values.First().Url.OriginalString);
    }

    [Fact]
    public void A_real_package_with_another_name_is_offered_for_this_pc()
    {
        var path = Path.Combine(_env.DataDirectory, "my-build.zip");
        File.WriteAllBytes(path, UpdateFeedServer.ReleaseZip("1.1.0"));
        var (_, feed) = Sandbox(latest: "1.1.0", packagePath: path);

        var manifest = UpdateManifestJson.Parse(feed.Find(SandboxUpdateFeed.ManifestFile)!.Content);

        Assert.Equal(_env.Options.EffectiveRid, Assert.Single(manifest.Packages).Key);
    }

    private (SandboxFeedKey Key, SandboxUpdateFeed Feed) Sandbox(string? latest, string? minimum = null, string? packagePath = null)
    {
        var key = new SandboxFeedKey(_env.Paths, NullLogger<SandboxFeedKey>.Instance);
        _disposables.Add(key);
        var feed = new SandboxUpdateFeed(
            key,
            Options.Create(new SandboxFeedOptions { LatestVersion = latest, MinimumSupportedVersion = minimum, PackagePath = packagePath }),
            Options.Create(_env.Options),
            Options.Create(new CertPlatform.Sandbox.Bank.SandboxDownloadOptions { Directory = Path.Combine(_env.DataDirectory, "packages") }),
            new RunningVersion(SemanticVersion.Parse("1.0.0")),
            _env.Time,
            NullLogger<SandboxUpdateFeed>.Instance);
        return (key, feed);
    }

    private UpdateChecker InProcessChecker(SandboxFeedKey key, SandboxUpdateFeed sandbox, out HttpUpdateFeed feed)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(HttpUpdateFeed.ClientName).ConfigurePrimaryHttpMessageHandler(() => new SandboxFeedHandler(sandbox));
        var provider = services.BuildServiceProvider();
        _disposables.Add(provider);
        _env.Options.FeedUrl = $"http://127.0.0.1:52235{SandboxUpdateFeed.BasePath}{SandboxUpdateFeed.ManifestFile}";
        _env.Options.PublicKeyPem = key.PublicKeyPem;
        var options = Options.Create(_env.Options);
        feed = new HttpUpdateFeed(provider.GetRequiredService<IHttpClientFactory>(), options, _env.Paths, NullLogger<HttpUpdateFeed>.Instance);
        return new UpdateChecker(
            feed,
            _env.Installer(),
            _env.History(),
            new UpdateManifestVerifier(options, _env.Time, NullLogger<UpdateManifestVerifier>.Instance),
            new RunningVersion(SemanticVersion.Parse("1.0.0")),
            options,
            _env.Time,
            NullLogger<UpdateChecker>.Instance);
    }
}
