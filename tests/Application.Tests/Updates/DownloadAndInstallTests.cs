using CertPlatform.Application.Ports;
using CertPlatform.Application.Updates.Download;
using CertPlatform.Application.Updates.Install;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging.Abstractions;

namespace CertPlatform.Application.Tests.Updates;

/// <summary>The download in the background with its progress, then the install (the manual's 1.2).</summary>
public sealed class DownloadAndInstallTests : IDisposable
{
    private readonly UpdateWorld _world = new();
    private readonly UpdateDownload _download;

    public DownloadAndInstallTests()
    {
        _download = new UpdateDownload(_world.Feed, NullLogger<UpdateDownload>.Instance);
        _world.Feed.Publish(UpdateWorld.Manifest("1.2.0"));
    }

    public void Dispose()
    {
        _download.Dispose();
        _world.Dispose();
    }

    [Fact]
    public async Task The_download_runs_in_the_background_and_its_progress_can_be_polled()
    {
        var release = new TaskCompletionSource();
        var reported = new TaskCompletionSource();
        _world.Feed.Download = async (version, package, progress, ct) =>
        {
            progress.Report(400);
            reported.SetResult();
            await release.Task;
            progress.Report(package.Size);
            return UpdateWorld.Staged(package, version);
        };

        var started = await Start();
        await reported.Task;
        var midway = await Poll();
        release.SetResult();
        await _download.Settled;
        var done = await Poll();

        Assert.Equal(DownloadState.Downloading, started.State);
        Assert.Equal(new DownloadProgress(DownloadState.Downloading, 400, 1000, "1.2.0", null), midway);
        Assert.Equal(new DownloadProgress(DownloadState.Completed, 1000, 1000, "1.2.0", ErrorCatalog.G007i), done);
    }

    [Fact]
    public async Task A_failed_download_shows_its_code_and_the_next_request_starts_it_again()
    {
        _world.Feed.Download = (_, _, _, _) => Task.FromException<StagedPackage>(new CertPlatformException(ErrorCatalog.G002e));
        await Start();
        await _download.Settled;
        var failed = await Poll();
        _world.Feed.Download = (version, package, _, _) => Task.FromResult(UpdateWorld.Staged(package, version));

        await Start();
        await _download.Settled;

        Assert.Equal(DownloadState.Failed, failed.State);
        Assert.Equal(ErrorCatalog.G002e, failed.Outcome);
        Assert.Equal(DownloadState.Completed, (await Poll()).State);
        Assert.Equal(2, _world.Feed.Downloads);
    }

    [Fact]
    public async Task A_second_press_while_downloading_does_not_start_a_second_download()
    {
        var release = new TaskCompletionSource<StagedPackage>();
        var entered = new TaskCompletionSource();
        _world.Feed.Download = (_, _, _, _) =>
        {
            entered.SetResult();
            return release.Task;
        };
        await Start();
        await entered.Task;

        await Start();

        Assert.Equal(1, _world.Feed.Downloads);
        release.SetResult(UpdateWorld.Staged(UpdateWorld.Manifest("1.2.0").Packages["linux-x64"], Domain.Updates.SemanticVersion.Parse("1.2.0")));
        await _download.Settled;
    }

    [Fact]
    public async Task An_unexpected_failure_of_the_download_is_G002e()
    {
        _world.Feed.Download = (_, _, _, _) => Task.FromException<StagedPackage>(new UnauthorizedAccessException("disk"));

        await Start();
        await _download.Settled;

        Assert.Equal(ErrorCatalog.G002e, (await Poll()).Outcome);
    }

    [Fact]
    public async Task Nothing_is_downloaded_when_the_helper_is_up_to_date()
    {
        _world.Feed.Publish(UpdateWorld.Manifest("1.0.0"));

        var ex = await Assert.ThrowsAsync<CertPlatformException>(Start);

        Assert.Equal("G410e", ex.Error.Code);
    }

    [Fact]
    public async Task A_release_without_a_package_for_this_platform_cannot_be_downloaded()
    {
        _world.Feed.Publish(UpdateWorld.Manifest("1.2.0", rid: "osx-arm64"));

        var ex = await Assert.ThrowsAsync<CertPlatformException>(Start);

        Assert.Equal("G406e", ex.Error.Code);
    }

    [Fact]
    public async Task Install_before_any_download_is_G409e()
    {
        var ex = await Assert.ThrowsAsync<CertPlatformException>(Install);

        Assert.Equal("G409e", ex.Error.Code);
    }

    [Fact]
    public async Task Install_after_the_download_asks_the_user_to_restart()
    {
        _world.Feed.Download = (version, package, _, _) => Task.FromResult(UpdateWorld.Staged(package, version));
        await Start();
        await _download.Settled;

        var installed = await Install();

        Assert.Equal(new InstalledUpdate("1.2.0", RestartRequired: true), installed);
    }

    [Fact]
    public async Task A_staged_package_that_changed_must_be_downloaded_again()
    {
        _world.Feed.Download = (version, package, _, _) => Task.FromResult(UpdateWorld.Staged(package, version));
        await Start();
        await _download.Settled;
        _world.Installer.Failure = ErrorCatalog.G407e;

        await Assert.ThrowsAsync<CertPlatformException>(Install);

        Assert.Null(_download.Staged);
        Assert.Equal(DownloadState.Idle, (await Poll()).State);
    }

    private async Task<DownloadProgress> Start() =>
        await new DownloadUpdateHandler(_world.Checker(), _download).Handle(new DownloadUpdate(), CancellationToken.None);

    private async Task<DownloadProgress> Poll() =>
        await new GetUpdateDownloadHandler(_download).Handle(new GetUpdateDownload(), CancellationToken.None);

    private async Task<InstalledUpdate> Install() =>
        await new InstallUpdateHandler(_download, _world.Installer, _world.Running).Handle(new InstallUpdate(), CancellationToken.None);
}
