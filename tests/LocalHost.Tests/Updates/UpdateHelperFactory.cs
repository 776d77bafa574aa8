using System.IO.Compression;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CertPlatform.LocalHost.Tests.Updates;

/// <summary>
/// The helper in-process with its own data folder and a fake clock, pointed at a bank's update feed on loopback
/// (WireMock.Net) unless <paramref name="useFeed"/> is false (then the embedded sandbox feed answers).
/// </summary>
public sealed class UpdateHelperFactory(bool useFeed = true, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Now = new(2025, 4, 10, 3, 0, 0, TimeSpan.Zero);

    public WireMockServer Feed { get; } = WireMockServer.Start();

    public ECDsa FeedKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public FakeTimeProvider Time { get; } = new(Now);

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "certplatform-updates-api-" + Guid.NewGuid().ToString("N"));

    public static byte[] ReleaseZip(string version)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = zip.CreateEntry("CertPlatform.LocalHost.dll").Open();
            stream.Write(Encoding.UTF8.GetBytes($"helper {version}"));
        }

        return buffer.ToArray();
    }

    /// <summary>Publishes a signed release of <paramref name="version"/> whose package is <paramref name="served"/> (or the real one).</summary>
    public void Publish(string version, string? minimum = null, byte[]? served = null)
    {
        var package = ReleaseZip(version);
        var manifest = new UpdateManifest(
            SemanticVersion.Parse(version),
            Now.AddDays(-1),
            Now.AddDays(30),
            minimum is null ? null : SemanticVersion.Parse(minimum),
            new Dictionary<string, UpdatePackage>(StringComparer.Ordinal)
            {
                ["linux-x64"] = new(new Uri($"certplatform-{version}.zip", UriKind.Relative), package.Length, Convert.ToHexStringLower(SHA256.HashData(package))),
            },
            new LocalizedText("不具合を修正しました。", "Fixes."));
        var bytes = UpdateManifestJson.Write(manifest);
        Feed.Given(Request.Create().WithPath("/feed/manifest.json").UsingGet()).RespondWith(Response.Create().WithBody(bytes));
        Feed.Given(Request.Create().WithPath("/feed/manifest.json.sig").UsingGet()).RespondWith(Response.Create().WithBody(ManifestSignature.Sign(bytes, FeedKey)));
        Feed.Given(Request.Create().WithPath($"/feed/certplatform-{version}.zip").UsingGet()).RespondWith(Response.Create().WithBody(served ?? package));
    }

    /// <summary>A client that sends what the helper's own page sends: its Origin, JSON, Accept-Language en.</summary>
    public HttpClient Browser()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("Origin", "http://localhost");
        client.DefaultRequestHeaders.Add("Accept-Language", "en");
        return client;
    }

    public static Task<HttpResponseMessage> PostJson(HttpClient client, string path, object? body = null) =>
        client.PostAsJsonAsync(path, body ?? new { });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Helper:DataDirectory", DataDirectory);
        builder.UseSetting("Store:Kind", "X509");
        builder.UseSetting("Store:Name", $"CertPlatformTest-{Guid.NewGuid():N}");
        builder.UseSetting("Updates:Rid", "linux-x64");
        if (useFeed)
        {
            builder.UseSetting("Updates:FeedUrl", Feed.Url + "/feed/manifest.json");
            builder.UseSetting("Updates:PublicKeyPem", FeedKey.ExportSubjectPublicKeyInfoPem());
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Feed.Stop();
            Feed.Dispose();
            FeedKey.Dispose();
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
    }
}
