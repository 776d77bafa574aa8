using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CertPlatform.Infrastructure.Tests.Updates;

/// <summary>Streaming a package to the staging folder: progress, size and hash checks, resuming after a cut.</summary>
public sealed class PackageDownloadTests : IDisposable
{
    private const string PackagePath = "/packages/certplatform-1.2.0.zip";

    private static readonly byte[] Package = UpdateFeedServer.ReleaseZip("1.2.0", padding: 200_000);
    private static readonly SemanticVersion Version = SemanticVersion.Parse("1.2.0");

    private readonly UpdateFeedServer _feed = new();

    public void Dispose() => _feed.Dispose();

    private UpdatePackage Entry => UpdateFeedServer.Manifest("1.2.0", Package).PackageFor("linux-x64")!;

    [Fact]
    public async Task A_package_is_downloaded_to_the_staging_folder_with_progress()
    {
        _feed.ServePackage("1.2.0", Package);
        var progress = new RecordedProgress();

        var staged = await _feed.Feed().DownloadAsync(Version, Entry, progress, CancellationToken.None);

        Assert.Equal(Package, await File.ReadAllBytesAsync(staged.Path));
        Assert.StartsWith(Path.Combine(_feed.DataDirectory, "updates", "staging"), staged.Path, StringComparison.Ordinal);
        Assert.Equal(Package.Length, progress.Reports[^1]);
        Assert.True(progress.Reports.Count > 2, "progress is reported while the bytes arrive");
        Assert.Equal(progress.Reports.Order(), progress.Reports);
    }

    [Fact]
    public async Task A_download_cut_in_the_middle_fails_with_G002e_and_keeps_what_arrived()
    {
        ServeCutOff(Package.Length / 2);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _feed.Feed().DownloadAsync(Version, Entry, new RecordedProgress(), CancellationToken.None));

        Assert.Equal("G002e", ex.Error.Code);
        Assert.Equal(Package.Length / 2, PartialFile()!.Length);
    }

    [Fact]
    public async Task A_cut_download_resumes_from_where_it_stopped()
    {
        var half = Package.Length / 2;
        ServeCutOff(half);
        _feed.Server.Given(Request.Create().WithPath(PackagePath).WithHeader("Range", $"bytes={half}-").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(206)
                .WithHeader("Content-Range", $"bytes {half}-{Package.Length - 1}/{Package.Length}")
                .WithBody(Package[half..]));
        var feed = _feed.Feed();
        await Assert.ThrowsAsync<CertPlatformException>(() => feed.DownloadAsync(Version, Entry, new RecordedProgress(), CancellationToken.None));
        var progress = new RecordedProgress();

        var staged = await feed.DownloadAsync(Version, Entry, progress, CancellationToken.None);

        Assert.Equal(Package, await File.ReadAllBytesAsync(staged.Path));
        Assert.Equal(half, progress.Reports[0]);
        Assert.Equal(2, _feed.Server.LogEntries.Count(e => e.RequestMessage!.Path == PackagePath));
    }

    [Fact]
    public async Task A_server_that_ignores_the_range_gets_the_download_restarted_from_the_beginning()
    {
        ServeCutOff(Package.Length / 2);
        var feed = _feed.Feed();
        await Assert.ThrowsAsync<CertPlatformException>(() => feed.DownloadAsync(Version, Entry, new RecordedProgress(), CancellationToken.None));
        _feed.Server.ResetMappings();
        _feed.ServePackage("1.2.0", Package);

        var staged = await feed.DownloadAsync(Version, Entry, new RecordedProgress(), CancellationToken.None);

        Assert.Equal(Package, await File.ReadAllBytesAsync(staged.Path));
        Assert.True(_feed.Server.LogEntries.Last().RequestMessage!.Headers!.ContainsKey("Range"), "the second attempt asked for the rest");
    }

    [Fact]
    public async Task A_package_whose_hash_does_not_match_is_refused_with_G407e_and_deleted()
    {
        var forged = (byte[])Package.Clone();
        forged[^10] ^= 0xFF;
        _feed.ServePackage("1.2.0", forged);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _feed.Feed().DownloadAsync(Version, Entry, new RecordedProgress(), CancellationToken.None));

        Assert.Equal("G407e", ex.Error.Code);
        Assert.Null(PartialFile());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_feed.DataDirectory, "updates", "staging"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_package_larger_than_the_manifest_says_is_refused_with_G407e()
    {
        _feed.ServePackage("1.2.0", [.. Package, .. new byte[100]]);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _feed.Feed().DownloadAsync(Version, Entry, new RecordedProgress(), CancellationToken.None));

        Assert.Equal("G407e", ex.Error.Code);
        Assert.Null(PartialFile());
    }

    [Fact]
    public async Task A_package_server_that_fails_is_G002e()
    {
        _feed.Server.Given(Request.Create().WithPath(PackagePath).UsingGet()).RespondWith(Response.Create().WithStatusCode(500));

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _feed.Feed().DownloadAsync(Version, Entry, new RecordedProgress(), CancellationToken.None));

        Assert.Equal("G002e", ex.Error.Code);
    }

    [Fact]
    public async Task A_package_already_staged_is_not_downloaded_again()
    {
        _feed.ServePackage("1.2.0", Package);
        var feed = _feed.Feed();
        await feed.DownloadAsync(Version, Entry, new RecordedProgress(), CancellationToken.None);

        await feed.DownloadAsync(Version, Entry, new RecordedProgress(), CancellationToken.None);

        Assert.Single(_feed.Server.LogEntries);
    }

    /// <summary>The server sends the first bytes only and ends the response, as a proxy that drops the connection.</summary>
    private void ServeCutOff(int bytes) =>
        _feed.Server.Given(Request.Create().WithPath(PackagePath).UsingGet())
            .AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Package[..bytes]));

    private FileInfo? PartialFile()
    {
        var staging = Path.Combine(_feed.DataDirectory, "updates", "staging");
        return Directory.Exists(staging)
            ? Directory.EnumerateFiles(staging, "*.part", SearchOption.AllDirectories).Select(p => new FileInfo(p)).SingleOrDefault()
            : null;
    }
}
