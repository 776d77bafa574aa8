using CertPlatform.Application.Updates.CheckUpdate;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;

namespace CertPlatform.Application.Tests.Updates;

public sealed class UpdateCheckerTests : IDisposable
{
    private readonly UpdateWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task The_update_screen_shows_current_and_latest_version_with_notes()
    {
        _world.Feed.Publish(UpdateWorld.Manifest("1.2.0", minimum: "1.1.0"));

        var info = await new CheckUpdateHandler(_world.Checker()).Handle(new CheckUpdate(), CancellationToken.None);

        Assert.Equal(new UpdateInfo("1.0.0", "1.2.0", true, true, UpdateWorld.Now.AddDays(-1), new LocalizedText("修正", "Fixes"), false), info);
    }

    [Fact]
    public async Task Without_a_feed_no_update_is_looked_for()
    {
        _world.Options.FeedUrl = null;

        var check = await _world.Checker().CheckAsync(CancellationToken.None);

        Assert.False(check.Available);
        Assert.Null(check.Manifest);
        Assert.Equal(0, _world.Feed.Fetches);
    }

    [Fact]
    public async Task An_installed_update_waits_for_a_restart_and_is_not_offered_again()
    {
        _world.Installer.InstalledVersion = SemanticVersion.Parse("1.2.0");
        _world.Feed.Publish(UpdateWorld.Manifest("1.2.0"));

        var check = await _world.Checker().CheckAsync(CancellationToken.None);

        Assert.False(check.Available);
        Assert.True(check.RestartRequired);
    }

    [Fact]
    public async Task A_rollback_is_judged_against_the_installed_version_not_only_the_running_one()
    {
        _world.Installer.InstalledVersion = SemanticVersion.Parse("1.3.0");
        _world.Feed.Publish(UpdateWorld.Manifest("1.2.0"));

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.Checker().CheckAsync(CancellationToken.None));

        Assert.Equal("G405e", ex.Error.Code);
    }

    [Fact]
    public async Task A_prerelease_build_is_offered_its_release()
    {
        _world.Running = new(SemanticVersion.Parse("1.2.0-rc.1"));
        _world.Feed.Publish(UpdateWorld.Manifest("1.2.0"));

        var check = await _world.Checker().CheckAsync(CancellationToken.None);

        Assert.True(check.Available);
    }
}
