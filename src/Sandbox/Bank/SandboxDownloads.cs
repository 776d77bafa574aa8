using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CertPlatform.Domain.Updates;
using Microsoft.Extensions.Options;

namespace CertPlatform.Sandbox.Bank;

/// <summary>Configuration section <c>Sandbox:Downloads</c>: where the bank's download page finds the packages.</summary>
public sealed class SandboxDownloadOptions
{
    public const string Section = "Sandbox:Downloads";

    /// <summary>The folder scripts/package.sh writes; relative to the folder the helper was started in.</summary>
    public string Directory { get; set; } = Path.Combine("artifacts", "packages");
}

/// <summary>One installable package the download page offers.</summary>
/// <param name="Platform"><c>windows</c>, <c>macos</c>, <c>linux-deb</c> or <c>linux-tar</c>.</param>
public sealed record SandboxDownload(string Platform, string File, string Version, long Size, string Sha256);

/// <summary>
/// BSMS001's 「証明書発行アプリのダウンロード」: the newest package of each kind that <c>scripts/package.sh</c> built into
/// the downloads folder, with its size and SHA-256 (computed once per file and modification time). Only files named
/// as package.sh names them are offered or served, so nothing else in the folder can be fetched.
/// </summary>
public sealed partial class SandboxDownloads(IOptions<SandboxDownloadOptions> options)
{
    private readonly ConcurrentDictionary<(string Path, DateTime Modified, long Size), string> _hashes = new();

    public string Directory => Path.GetFullPath(options.Value.Directory);

    public IReadOnlyList<SandboxDownload> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var found = new List<(SandboxDownload Download, SemanticVersion Version)>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory))
        {
            var match = PackageName().Match(Path.GetFileName(path));
            if (!match.Success || !SemanticVersion.TryParse(match.Groups["version"].Value, out var version))
            {
                continue;
            }

            var platform = match.Groups["kind"].Value switch
            {
                "-win-x64.msi" => "windows",
                "-osx-arm64.app.zip" => "macos",
                "_amd64.deb" => "linux-deb",
                _ => "linux-tar",
            };
            var info = new FileInfo(path);
            var sha256 = _hashes.GetOrAdd((path, info.LastWriteTimeUtc, info.Length), key => Hash(key.Path));
            found.Add((new SandboxDownload(platform, info.Name, version.ToString(), info.Length, sha256), version));
        }

        return found
            .GroupBy(f => f.Download.Platform, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(f => f.Version).First().Download)
            .OrderBy(d => d.Platform, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The full path of a listed package; null for any other name.</summary>
    public string? PathOf(string file) =>
        List().Any(d => string.Equals(d.File, file, StringComparison.Ordinal)) ? Path.Combine(Directory, file) : null;

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    [GeneratedRegex(@"^[a-z][a-z0-9-]*[-_](?<version>[0-9]+\.[0-9]+\.[0-9]+)(?<kind>-win-x64\.msi|-osx-arm64\.app\.zip|_amd64\.deb|-linux-x64\.tar\.gz)$", RegexOptions.CultureInvariant)]
    private static partial Regex PackageName();
}
