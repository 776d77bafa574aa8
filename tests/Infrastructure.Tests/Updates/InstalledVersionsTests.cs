using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure.Updates;

namespace CertPlatform.Infrastructure.Tests.Updates;

/// <summary>The layout the updater writes and the launcher reads, and the history that survives a reinstall.</summary>
public sealed class InstalledVersionsTests : IDisposable
{
    private readonly UpdateFeedServer _env = new();

    public void Dispose() => _env.Dispose();

    private InstalledVersions Layout => InstalledVersions.From(_env.Options.InstallDirectory, _env.Paths);

    private static SemanticVersion V(string text) => SemanticVersion.Parse(text);

    [Fact]
    public void The_layout_is_app_in_the_data_folder_unless_configured()
    {
        Assert.Equal(Path.Combine(_env.DataDirectory, "app"), Layout.Root);

        _env.Options.InstallDirectory = Path.Combine(_env.DataDirectory, "elsewhere");

        Assert.Equal(Path.Combine(_env.DataDirectory, "elsewhere"), Layout.Root);
    }

    [Fact]
    public void Only_complete_version_folders_are_listed_newest_first()
    {
        foreach (var name in new[] { "1.0.1", "1.10.0", "1.2.0", ".1.3.0.abc.tmp", "1.2.0.abc.old", "notes" })
        {
            Directory.CreateDirectory(Path.Combine(Layout.VersionsDirectory, name));
        }

        Assert.Equal([V("1.10.0"), V("1.2.0"), V("1.0.1")], Layout.List());
    }

    [Fact]
    public void The_current_pointer_is_switched_and_removed()
    {
        var layout = Layout;
        Assert.Null(layout.Current);

        layout.SetCurrent(V("1.0.1"));
        Assert.Equal(V("1.0.1"), layout.Current);

        layout.SetCurrent(null);
        Assert.Null(layout.Current);
        Assert.False(File.Exists(layout.PointerPath));
    }

    [Fact]
    public void Failed_starts_are_recorded_newest_first_once_per_version()
    {
        var layout = Layout;
        var at = UpdateFeedServer.Now;
        layout.RecordFailure(new FailedStart(V("1.0.2"), V("1.0.1"), at, "exited with code 134 before it answered"));
        layout.RecordFailure(new FailedStart(V("1.0.3"), V("1.0.1"), at.AddDays(1), "did not answer"));
        layout.RecordFailure(new FailedStart(V("1.0.2"), V("1.0.0"), at.AddDays(2), "exited with code 1 before it answered"));

        var failures = layout.ReadFailures();

        Assert.Equal([V("1.0.2"), V("1.0.3")], failures.Select(f => f.Version));
        Assert.Equal(new FailedStart(V("1.0.2"), V("1.0.0"), at.AddDays(2), "exited with code 1 before it answered"), failures[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("""{"failed":[{"version":"not a version","ranInstead":"1.0.0","at":"2025-04-10T03:00:00Z"}]}""")]
    public void A_broken_record_reads_as_no_failures(string content)
    {
        Directory.CreateDirectory(Layout.Root);
        File.WriteAllText(Layout.RecordPath, content);

        Assert.Empty(Layout.ReadFailures());
    }

    [Fact]
    public void The_highest_version_seen_only_goes_up_and_is_kept_in_the_data_folder()
    {
        var history = _env.History();
        Assert.Null(history.HighestSeen);

        history.RecordSeen(V("1.2.0"));
        history.RecordSeen(V("1.1.0"));

        Assert.Equal(V("1.2.0"), _env.History().HighestSeen);
        Assert.StartsWith(_env.DataDirectory, history.HighestPath, StringComparison.Ordinal);
    }

    [Fact]
    public void The_history_reads_the_launchers_record()
    {
        Layout.RecordFailure(new FailedStart(V("1.0.2"), V("1.0.1"), UpdateFeedServer.Now, "did not answer"));

        Assert.Equal(V("1.0.2"), Assert.Single(_env.History().FailedStarts).Version);
    }
}
