using System.Security.Cryptography;
using CertPlatform.Sandbox.Bank;
using Microsoft.Extensions.Options;

namespace CertPlatform.Sandbox.Tests.Bank;

/// <summary>What BSMS001's download page offers from the folder scripts/package.sh writes.</summary>
public sealed class SandboxDownloadsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("certplatform-downloads-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Each_kind_of_package_is_offered_once_newest_version_first_with_its_size_and_sha256()
    {
        var msi = Write("certplatform-1.0.10-win-x64.msi", "msi 1.0.10");
        Write("certplatform-1.0.9-win-x64.msi", "msi 1.0.9");
        Write("certplatform_1.0.0_amd64.deb", "deb");
        Write("certplatform-1.0.0-linux-x64.tar.gz", "tar");
        Write("certplatform-1.0.0-osx-arm64.app.zip", "app");

        var list = Downloads().List();

        Assert.Equal(["linux-deb", "linux-tar", "macos", "windows"], list.Select(d => d.Platform));
        var windows = list.Single(d => d.Platform == "windows");
        Assert.Equal(new SandboxDownload("windows", "certplatform-1.0.10-win-x64.msi", "1.0.10", 10, Sha256(msi)), windows);
    }

    [Fact]
    public void Update_zips_feeds_and_other_files_are_not_offered()
    {
        Write("certplatform-1.0.0-linux-x64.update.zip", "update");
        Write("manifest.json", "{}");
        Write("feed-signing-key.pem", "-----BEGIN PRIVATE KEY-----");
        Write("notes-1.0.0-win-x64.msi.txt", "x");

        Assert.Empty(Downloads().List());
    }

    [Theory]
    [InlineData("feed-signing-key.pem")]
    [InlineData("../certplatform-1.0.0-win-x64.msi")]
    [InlineData("certplatform-1.0.0-linux-x64.update.zip")]
    public void Only_a_listed_package_has_a_path(string name)
    {
        Write("certplatform-1.0.0-win-x64.msi", "msi");
        Write("feed-signing-key.pem", "secret");
        Write("certplatform-1.0.0-linux-x64.update.zip", "update");

        Assert.Null(Downloads().PathOf(name));
        Assert.Equal(Path.Combine(_folder, "certplatform-1.0.0-win-x64.msi"), Downloads().PathOf("certplatform-1.0.0-win-x64.msi"));
    }

    [Fact]
    public void A_missing_folder_offers_nothing()
    {
        var downloads = new SandboxDownloads(Options.Create(new SandboxDownloadOptions { Directory = Path.Combine(_folder, "none") }));

        Assert.Empty(downloads.List());
    }

    [Fact]
    public void A_rebuilt_package_is_hashed_again()
    {
        var path = Write("certplatform-1.0.0-win-x64.msi", "first");
        var downloads = Downloads();
        Assert.Equal(Sha256(path), downloads.List()[0].Sha256);

        File.WriteAllText(path, "second build");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        Assert.Equal(Sha256(path), downloads.List()[0].Sha256);
    }

    private SandboxDownloads Downloads() => new(Options.Create(new SandboxDownloadOptions { Directory = _folder }));

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
