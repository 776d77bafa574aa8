using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CertPlatform.Application.Updates;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Sandbox;

/// <summary>A file the sandbox feed serves.</summary>
public sealed record SandboxFeedFile(byte[] Content, string ContentType);

/// <summary>
/// The demo update feed: a manifest announcing <c>Sandbox:Updates:LatestVersion</c>, signed with the
/// <see cref="SandboxFeedKey"/> kept in the data folder, and the package: <c>Sandbox:Updates:PackagePath</c>, or the
/// one package.sh built for that version and this PC in the downloads folder, or a small demo package.
/// The helper serves it at <c>/sandbox/updates/</c> and, in Embedded mode without <c>Updates:FeedUrl</c>, reads
/// it in-process through <see cref="SandboxFeedHandler"/> with the sandbox key pinned.
/// </summary>
public sealed partial class SandboxUpdateFeed(
    SandboxFeedKey key,
    IOptions<SandboxFeedOptions> options,
    IOptions<UpdateOptions> updates,
    IOptions<Bank.SandboxDownloadOptions> downloads,
    RunningVersion running,
    TimeProvider time,
    ILogger<SandboxUpdateFeed> logger)
{
    public const string BasePath = "/sandbox/updates/";
    public const string ManifestFile = "manifest.json";

    private readonly Lock _gate = new();
    private Release? _release;

    /// <summary>A file of the feed by name (manifest.json, manifest.json.sig, the package), or null.</summary>
    public SandboxFeedFile? Find(string name)
    {
        var release = Current();
        return name switch
        {
            ManifestFile => new SandboxFeedFile(release.Manifest, "application/json"),
            ManifestFile + ManifestSignature.FileSuffix => new SandboxFeedFile(release.Signature, "text/plain"),
            _ when string.Equals(name, release.PackageName, StringComparison.Ordinal) => new SandboxFeedFile(release.Package, "application/zip"),
            _ => null,
        };
    }

    /// <summary>The release signed at first use, signed again a day before its manifest would expire.</summary>
    private Release Current()
    {
        lock (_gate)
        {
            if (_release is null || time.GetUtcNow() >= _release.ExpiresAt.AddDays(-1))
            {
                _release = Build();
            }

            return _release;
        }
    }

    private Release Build()
    {
        var settings = options.Value;
        var version = string.IsNullOrWhiteSpace(settings.LatestVersion) ? running.Value : SemanticVersion.Parse(settings.LatestVersion);
        var minimum = string.IsNullOrWhiteSpace(settings.MinimumSupportedVersion) ? null : SemanticVersion.Parse(settings.MinimumSupportedVersion);
        var real = string.IsNullOrWhiteSpace(settings.PackagePath) ? BuiltPackage(version) : Path.GetFullPath(settings.PackagePath);
        var package = real is null ? DemoPackage(version, updates.Value.EntryPoint) : File.ReadAllBytes(real);
        var packageName = real is null ? $"certplatform-{version}.zip" : Path.GetFileName(real);
        var entry = new UpdatePackage(new Uri(packageName, UriKind.Relative), package.Length, Convert.ToHexStringLower(SHA256.HashData(package)));
        string[] rids = real is null
            ? ["win-x64", "win-arm64", "linux-x64", "linux-arm64", "osx-x64", "osx-arm64"]
            : [RidOf(packageName) ?? updates.Value.EffectiveRid];
        var now = time.GetUtcNow();
        var releaseDate = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero);
        var manifest = new UpdateManifest(
            version,
            releaseDate,
            now.AddDays(settings.ExpiresDays),
            minimum,
            rids.ToDictionary(rid => rid, _ => entry, StringComparer.Ordinal),
            new LocalizedText(settings.NotesJa, settings.NotesEn));
        var bytes = UpdateManifestJson.Write(manifest);
        logger.LogInformation("The sandbox update feed offers version {Version} (minimum {Minimum}), signed until {ExpiresAt:o}",
            version, minimum?.ToString() ?? "none", manifest.ExpiresAt);
        return new Release(bytes, key.Sign(bytes), packageName, package, manifest.ExpiresAt);
    }

    /// <summary>
    /// The update package of the announced version for this PC that <c>scripts/package.sh</c> built into the downloads
    /// folder, if any: with it the demo update is a real one. Never the running version (nothing to update to).
    /// </summary>
    private string? BuiltPackage(SemanticVersion version)
    {
        if (version == running.Value)
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(downloads.Value.Directory, $"certplatform-{version}-{updates.Value.EffectiveRid}.update.zip"));
        return File.Exists(path) ? path : null;
    }

    /// <summary>The RID in a package name as package.sh writes it (<c>certplatform-1.1.0-linux-x64.update.zip</c>).</summary>
    internal static string? RidOf(string packageName)
    {
        var match = PackageRid().Match(packageName);
        return match.Success ? match.Groups["rid"].Value : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"-(?<rid>(win|linux|osx)-(x64|arm64))\.update\.zip$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PackageRid();

    /// <summary>A stand-in for a real release: the entry point the installer looks for and a read-me.</summary>
    private static byte[] DemoPackage(SemanticVersion version, string entryPoint)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, entryPoint, $"CertPlatform sandbox demo package {version}\n");
            Add(zip, "README.txt", $"CertPlatform {version} (sandbox demo). This package only shows the update flow; it is not a build of the helper.\n");
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }

    private sealed record Release(byte[] Manifest, byte[] Signature, string PackageName, byte[] Package, DateTimeOffset ExpiresAt);
}
