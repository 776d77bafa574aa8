using System.Security.Cryptography;
using System.Text;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CertPlatform.Infrastructure.Tests.Updates;

/// <summary>The update check against a feed on loopback: the real HTTP client, verifier and checker.</summary>
public sealed class UpdateCheckTests : IDisposable
{
    private static readonly byte[] Package = UpdateFeedServer.ReleaseZip("1.2.0");

    private readonly UpdateFeedServer _feed = new();

    public void Dispose() => _feed.Dispose();

    [Fact]
    public async Task No_update_is_offered_when_the_feed_has_the_running_version()
    {
        _feed.Publish(UpdateFeedServer.Manifest("1.0.0", Package));

        var check = await _feed.Checker(running: "1.0.0").CheckAsync(CancellationToken.None);

        Assert.False(check.Available);
        Assert.False(check.Mandatory);
        Assert.Equal("1.0.0", check.Manifest!.Version.ToString());
    }

    [Fact]
    public async Task A_newer_version_in_the_feed_is_offered_with_its_notes()
    {
        _feed.Publish(UpdateFeedServer.Manifest("1.2.0", Package));

        var check = await _feed.Checker(running: "1.0.0").CheckAsync(CancellationToken.None);

        Assert.True(check.Available);
        Assert.False(check.Mandatory);
        Assert.Equal("不具合を修正しました。", check.Manifest!.Notes.Ja);
        Assert.Equal(Package.Length, check.Package!.Size);
    }

    [Fact]
    public async Task An_update_is_mandatory_when_the_running_version_is_below_the_minimum()
    {
        _feed.Publish(UpdateFeedServer.Manifest("1.2.0", Package, minimum: "1.1.0"));

        var check = await _feed.Checker(running: "1.0.0").CheckAsync(CancellationToken.None);

        Assert.True(check.Available);
        Assert.True(check.Mandatory);
    }

    [Fact]
    public async Task A_newer_version_without_a_package_for_this_platform_is_not_offered()
    {
        _feed.Options.Rid = "osx-arm64";
        _feed.Publish(UpdateFeedServer.Manifest("1.2.0", Package));

        var check = await _feed.Checker(running: "1.0.0").CheckAsync(CancellationToken.None);

        Assert.False(check.Available);
    }

    public static TheoryData<string, string> BadManifests() => new()
    {
        { "unsigned: no .sig file", "G401e" },
        { "unsigned: empty .sig file", "G401e" },
        { "signed with another key", "G402e" },
        { "tampered after signing", "G402e" },
        { "truncated manifest", "G402e" },
        { "truncated signature", "G402e" },
        { "signature not base64", "G402e" },
        { "signed but not a manifest", "G403e" },
        { "expired", "G404e" },
        { "older than the installed version", "G405e" },
    };

    [Theory]
    [MemberData(nameof(BadManifests))]
    public async Task A_bad_manifest_is_refused_with_its_code(string kind, string code)
    {
        Serve(kind);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _feed.Checker(running: "1.1.0").CheckAsync(CancellationToken.None));

        Assert.Equal(code, ex.Error.Code);
    }

    [Fact]
    public async Task A_feed_that_cannot_be_reached_is_G003e()
    {
        var checker = _feed.Checker();
        _feed.Server.Stop();

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => checker.CheckAsync(CancellationToken.None));

        Assert.Equal("G003e", ex.Error.Code);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_feed_that_answers_without_a_manifest_is_G003e(int status)
    {
        _feed.Server.Given(Request.Create().WithPath(UpdateFeedServer.ManifestPath).UsingGet()).RespondWith(Response.Create().WithStatusCode(status));

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _feed.Checker().CheckAsync(CancellationToken.None));

        Assert.Equal("G003e", ex.Error.Code);
    }

    [Fact]
    public async Task A_refused_manifest_does_not_replace_the_last_good_answer()
    {
        var checker = _feed.Checker(running: "1.0.0");
        _feed.Publish(UpdateFeedServer.Manifest("1.2.0", Package, minimum: "1.1.0"));
        await checker.CheckAsync(CancellationToken.None);
        _feed.Server.ResetMappings();
        Serve("tampered after signing");

        await Assert.ThrowsAsync<CertPlatformException>(() => checker.CheckAsync(CancellationToken.None));

        Assert.True(checker.Last!.Mandatory);
    }

    private void Serve(string kind)
    {
        var manifest = UpdateManifestJson.Write(UpdateFeedServer.Manifest("1.2.0", Package));
        var signature = ManifestSignature.Sign(manifest, _feed.FeedKey);
        switch (kind)
        {
            case "unsigned: no .sig file":
                _feed.ServeManifest(manifest, null);
                break;
            case "unsigned: empty .sig file":
                _feed.ServeManifest(manifest, []);
                break;
            case "signed with another key":
                using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    _feed.ServeManifest(manifest, ManifestSignature.Sign(manifest, other));
                }

                break;
            case "tampered after signing":
                _feed.ServeManifest(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(manifest).Replace("1.2.0", "1.9.0", StringComparison.Ordinal)), signature);
                break;
            case "truncated manifest":
                _feed.ServeManifest(manifest[..(manifest.Length - 20)], signature);
                break;
            case "truncated signature":
                _feed.ServeManifest(manifest, signature[..(signature.Length / 2)]);
                break;
            case "signature not base64":
                _feed.ServeManifest(manifest, Encoding.ASCII.GetBytes("this is not a signature"));
                break;
            case "signed but not a manifest":
                var junk = Encoding.UTF8.GetBytes("""{"version":"1.2.0"}""");
                _feed.ServeManifest(junk, ManifestSignature.Sign(junk, _feed.FeedKey));
                break;
            case "expired":
                _feed.Publish(UpdateFeedServer.Manifest("1.2.0", Package, expiresAt: UpdateFeedServer.Now));
                break;
            case "older than the installed version":
                _feed.Publish(UpdateFeedServer.Manifest("1.0.5", Package));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
