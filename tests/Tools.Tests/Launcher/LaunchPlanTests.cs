using CertPlatform.Domain.Updates;
using CertPlatform.Launcher;

namespace CertPlatform.Tools.Tests.Launcher;

/// <summary>Which version the launcher tries first, and which it removes once one runs.</summary>
public sealed class LaunchPlanTests
{
    private static readonly LaunchCandidate Packaged = new(V("1.0.0"), "/opt/certplatform/app", Packaged: true);

    [Fact]
    public void The_newest_installed_version_comes_first_and_the_packaged_app_last()
    {
        var plan = Order([V("1.0.1"), V("1.0.3"), V("1.0.2")], current: V("1.0.3"));

        Assert.Equal(["1.0.3", "1.0.2", "1.0.1", "1.0.0"], plan.Select(c => c.Version.ToString()));
        Assert.True(plan[^1].Packaged);
        Assert.Equal("/data/app/versions/1.0.3", plan[0].Directory);
    }

    [Fact]
    public void A_version_above_the_current_pointer_is_not_started()
    {
        // A folder the pointer never named: an install that did not finish switching.
        var plan = Order([V("1.0.1"), V("1.0.2")], current: V("1.0.1"));

        Assert.Equal(["1.0.1", "1.0.0"], plan.Select(c => c.Version.ToString()));
    }

    [Fact]
    public void Versions_that_failed_to_start_and_incomplete_folders_are_skipped()
    {
        var failed = new FailedStart(V("1.0.3"), V("1.0.2"), DateTimeOffset.UnixEpoch, "did not answer");

        var plan = LaunchPlan.Order(Packaged, [V("1.0.1"), V("1.0.2"), V("1.0.3")], V("1.0.3"), [failed],
            v => $"/data/app/versions/{v}", directory => !directory.EndsWith("1.0.2", StringComparison.Ordinal));

        Assert.Equal(["1.0.1", "1.0.0"], plan.Select(c => c.Version.ToString()));
    }

    [Fact]
    public void A_newer_package_wins_over_older_installed_updates()
    {
        // The user installed the 1.0.0 package, updated to 1.0.1 through the app, then installed the 1.1.0 package.
        var packaged = Packaged with { Version = V("1.1.0") };

        var plan = LaunchPlan.Order(packaged, [V("1.0.1")], V("1.0.1"), [], v => $"/data/{v}", _ => true);

        Assert.Equal(["1.1.0"], plan.Select(c => c.Version.ToString()));
    }

    [Fact]
    public void Without_updates_the_packaged_app_is_all_there_is()
    {
        Assert.Equal([Packaged], Order([], current: null));
    }

    [Fact]
    public void Once_a_version_runs_all_but_it_and_the_one_before_it_are_removed()
    {
        var failed = new FailedStart(V("1.0.4"), V("1.0.3"), DateTimeOffset.UnixEpoch, "exited");

        var obsolete = LaunchPlan.Obsolete(V("1.0.3"), [V("1.0.4"), V("1.0.3"), V("1.0.2"), V("1.0.1")], [failed]);

        Assert.Equal(["1.0.4", "1.0.1"], obsolete.Select(v => v.ToString()));
    }

    [Fact]
    public void The_version_before_is_the_newest_that_did_not_fail()
    {
        var failed = new FailedStart(V("1.0.2"), V("1.0.1"), DateTimeOffset.UnixEpoch, "exited");

        var obsolete = LaunchPlan.Obsolete(V("1.0.3"), [V("1.0.3"), V("1.0.2"), V("1.0.1")], [failed]);

        Assert.Equal(["1.0.2"], obsolete.Select(v => v.ToString()));
    }

    private static IReadOnlyList<LaunchCandidate> Order(SemanticVersion[] installed, SemanticVersion? current) =>
        LaunchPlan.Order(Packaged, installed, current, [], v => $"/data/app/versions/{v}", _ => true);

    private static SemanticVersion V(string text) => SemanticVersion.Parse(text);
}
