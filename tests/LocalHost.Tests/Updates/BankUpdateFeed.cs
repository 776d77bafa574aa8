using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CertPlatform.LocalHost.Tests.Updates;

/// <summary>
/// A bank's signed update feed on loopback (WireMock.Net), for a <see cref="HelperFactory"/> made with
/// <see cref="Settings"/>. Releases are dated from the factory's clock (<see cref="Now"/>).
/// </summary>
public sealed class BankUpdateFeed : IDisposable
{
    public static readonly DateTimeOffset Now = HelperFactory.Start;

    public WireMockServer Server { get; } = WireMockServer.Start();

    public ECDsa FeedKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The helper's settings for this feed: its address, its pinned key, the platform it publishes for.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Updates:Rid"] = "linux-x64",
        ["Updates:FeedUrl"] = Server.Url + "/feed/manifest.json",
        ["Updates:PublicKeyPem"] = FeedKey.ExportSubjectPublicKeyInfoPem(),
    };

    public static byte[] ReleaseZip(string version)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = zip.CreateEntry("CertPlatform.LocalHost").Open();
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
        Server.Given(Request.Create().WithPath("/feed/manifest.json").UsingGet()).RespondWith(Response.Create().WithBody(bytes));
        Server.Given(Request.Create().WithPath("/feed/manifest.json.sig").UsingGet()).RespondWith(Response.Create().WithBody(ManifestSignature.Sign(bytes, FeedKey)));
        Server.Given(Request.Create().WithPath($"/feed/certplatform-{version}.zip").UsingGet()).RespondWith(Response.Create().WithBody(served ?? package));
    }

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
        FeedKey.Dispose();
    }
}
