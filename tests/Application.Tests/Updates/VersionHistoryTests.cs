using CertPlatform.Application.Ports;
using CertPlatform.Application.Updates.CheckUpdate;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;

namespace CertPlatform.Application.Tests.Updates;

/// <summary>What the checker takes from the data folder's history: the rollback floor and the launcher's failed starts.</summary>
public sealed class VersionHistoryTests : IDisposable
{
    private readonly UpdateWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task After_a_reinstall_of_an_older_package_a_manifest_below_the_highest_version_seen_is_refused()
    {
        // 1.3.0 ran here once; the user reinstalled the 1.0.0 package. A replayed 1.2.0 manifest is a rollback.
        _world.History.HighestSeen = SemanticVersion.Parse("1.3.0");
        _world.Feed.Publish(UpdateWorld.Manifest("1.2.0"));

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.Checker().CheckAsync(CancellationToken.None));

        Assert.Equal("G405e", ex.Error.Code);
    }

    [Fact]
    public async Task The_highest_version_seen_is_the_floor_not_a_block_on_that_version()
    {
        _world.History.HighestSeen = SemanticVersion.Parse("1.3.0");
        _world.Feed.Publish(UpdateWorld.Manifest("1.3.0"));

        var check = await _world.Checker().CheckAsync(CancellationToken.None);

        Assert.True(check.Available);
    }

    [Fact]
    public async Task A_verified_manifest_raises_the_highest_version_seen()
    {
        _world.Feed.Publish(UpdateWorld.Manifest("1.2.0"));

        await _world.Checker().CheckAsync(CancellationToken.None);

        Assert.Equal(SemanticVersion.Parse("1.2.0"), _world.History.HighestSeen);
    }

    [Fact]
    public async Task A_refused_manifest_does_not_raise_the_highest_version_seen()
    {
        var other = UpdateWorld.Manifest("9.0.0");
        _world.Feed.Answer = _ => Task.FromResult(new SignedManifest(UpdateManifestJson.Write(other), [1, 2, 3]));

        await Assert.ThrowsAsync<CertPlatformException>(() => _world.Checker().CheckAsync(CancellationToken.None));

        Assert.Null(_world.History.HighestSeen);
    }

    [Fact]
    public async Task A_version_that_failed_to_start_is_not_offered_again_and_the_screen_says_why()
    {
        _world.Running = new RunningVersion(SemanticVersion.Parse("1.0.1"));
        _world.History.Failures.Add(new FailedStart(
            SemanticVersion.Parse("1.0.2"), SemanticVersion.Parse("1.0.1"), UpdateWorld.Now, "exited with code 134 before it answered"));
        _world.Feed.Publish(UpdateWorld.Manifest("1.0.2"));

        var info = await new CheckUpdateHandler(_world.Checker()).Handle(new CheckUpdate(), CancellationToken.None);

        Assert.False(info.Available);
        Assert.Equal("1.0.2", info.Latest);
        Assert.Equal("1.0.2", info.FailedVersion);
    }

    [Fact]
    public async Task A_later_version_after_a_failed_one_is_offered_and_the_old_failure_is_not_reported()
    {
        _world.Running = new RunningVersion(SemanticVersion.Parse("1.0.3"));
        _world.History.Failures.Add(new FailedStart(
            SemanticVersion.Parse("1.0.2"), SemanticVersion.Parse("1.0.1"), UpdateWorld.Now, "did not answer"));
        _world.Feed.Publish(UpdateWorld.Manifest("1.0.4"));

        var info = await new CheckUpdateHandler(_world.Checker()).Handle(new CheckUpdate(), CancellationToken.None);

        Assert.True(info.Available);
        Assert.Null(info.FailedVersion);
    }

    [Fact]
    public async Task Without_a_feed_the_fallback_is_still_reported()
    {
        _world.Options.FeedUrl = null;
        _world.History.Failures.Add(new FailedStart(
            SemanticVersion.Parse("1.1.0"), SemanticVersion.Parse("1.0.0"), UpdateWorld.Now, "did not answer"));

        var info = await new CheckUpdateHandler(_world.Checker()).Handle(new CheckUpdate(), CancellationToken.None);

        Assert.Equal("1.1.0", info.FailedVersion);
    }
}
