using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CertPlatform.Application.Ports;
using CertPlatform.Application.Updates;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.Infrastructure.Updates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CertPlatform.Infrastructure.Tests.Updates;

/// <summary>
/// A bank's update feed on loopback (WireMock.Net), the feed's signing key, a data directory of its own and a
/// fake clock; builds the real feed client, checker and installer against them.
/// </summary>
public sealed class UpdateFeedServer : IDisposable
{
    public const string ManifestPath = "/feed/manifest.json";

    public static readonly DateTimeOffset Now = new(2025, 4, 10, 3, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();

    public UpdateFeedServer()
    {
        Server = WireMockServer.Start();
        Directory.CreateDirectory(DataDirectory);
    }

    public WireMockServer Server { get; }

    public ECDsa FeedKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public FakeTimeProvider Time { get; } = new(Now);

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "certplatform-updates-" + Guid.NewGuid().ToString("N"));

    public UpdateOptions Options { get; } = new() { Rid = "linux-x64" };

    public HelperPaths Paths => new(DataDirectory, Path.Combine(DataDirectory, "logs"));

    public string ManifestUrl => Server.Url + ManifestPath;

    /// <summary>A release's manifest with one linux-x64 package served at /packages/.</summary>
    public static UpdateManifest Manifest(string version, byte[] package, string? minimum = null, DateTimeOffset? expiresAt = null) =>
        new(
            SemanticVersion.Parse(version),
            Now.AddDays(-1),
            expiresAt ?? Now.AddDays(30),
            minimum is null ? null : SemanticVersion.Parse(minimum),
            new Dictionary<string, UpdatePackage>(StringComparer.Ordinal)
            {
                ["linux-x64"] = Package($"../packages/certplatform-{version}.zip", package),
            },
            new LocalizedText("不具合を修正しました。", "Fixes."));

    public static UpdatePackage Package(string url, byte[] content) =>
        new(new Uri(url, UriKind.RelativeOrAbsolute), content.Length, Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary>A zip with the helper's entry point, as a real release has.</summary>
    public static byte[] ReleaseZip(string version, int padding = 0) => Zip(
        ("CertPlatform.LocalHost", $"helper {version}"),
        ("wwwroot/index.html", "<!doctype html>"),
        ("padding.bin", new string('p', padding)));

    public static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Serves the manifest signed with the feed key.</summary>
    public byte[] Publish(UpdateManifest manifest)
    {
        var bytes = UpdateManifestJson.Write(manifest);
        ServeManifest(bytes, ManifestSignature.Sign(bytes, FeedKey));
        return bytes;
    }

    /// <summary>Serves these exact bytes as manifest.json and, unless null, as manifest.json.sig.</summary>
    public void ServeManifest(byte[] manifest, byte[]? signature)
    {
        Server.Given(Request.Create().WithPath(ManifestPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(manifest));
        var sig = Server.Given(Request.Create().WithPath(ManifestPath + ".sig").UsingGet());
        sig.RespondWith(signature is null
            ? Response.Create().WithStatusCode(404)
            : Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/plain").WithBody(signature));
    }

    public void ServePackage(string version, byte[] content) =>
        Server.Given(Request.Create().WithPath($"/packages/certplatform-{version}.zip").UsingGet())
            .AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/zip").WithBody(content));

    public HttpUpdateFeed Feed()
    {
        Options.FeedUrl = ManifestUrl;
        Options.PublicKeyPem = FeedKey.ExportSubjectPublicKeyInfoPem();
        return new HttpUpdateFeed(_services.GetRequiredService<IHttpClientFactory>(), Microsoft.Extensions.Options.Options.Create(Options), Paths, NullLogger<HttpUpdateFeed>.Instance);
    }

    public SideBySideInstaller Installer() =>
        new(Microsoft.Extensions.Options.Options.Create(Options), Paths, NullLogger<SideBySideInstaller>.Instance);

    public VersionHistory History() =>
        new(Microsoft.Extensions.Options.Options.Create(Options), Paths, NullLogger<VersionHistory>.Instance);

    public UpdateChecker Checker(string running = "1.0.0", IUpdateInstaller? installer = null)
    {
        var feed = Feed();
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        return new UpdateChecker(
            feed,
            installer ?? Installer(),
            History(),
            new UpdateManifestVerifier(options, Time, NullLogger<UpdateManifestVerifier>.Instance),
            new RunningVersion(SemanticVersion.Parse(running)),
            options,
            Time,
            NullLogger<UpdateChecker>.Instance);
    }

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
        FeedKey.Dispose();
        _services.Dispose();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

/// <summary>Collects progress reports synchronously.</summary>
internal sealed class RecordedProgress : IProgress<long>
{
    public List<long> Reports { get; } = [];

    public void Report(long value) => Reports.Add(value);
}
