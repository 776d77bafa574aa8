using CertPlatform.Domain.Updates;
using static CertPlatform.Domain.Tests.Updates.ManifestSamples;

namespace CertPlatform.Domain.Tests.Updates;

public class UpdateManifestTests
{
    private static SemanticVersion V(string text) => SemanticVersion.Parse(text);

    [Fact]
    public void An_update_is_available_when_the_feed_has_a_newer_version()
    {
        Assert.True(Manifest("1.2.0").IsNewerThan(V("1.1.9")));
    }

    [Fact]
    public void No_update_is_available_when_the_feed_has_the_installed_version()
    {
        var manifest = Manifest("1.2.0");

        Assert.False(manifest.IsNewerThan(V("1.2.0")));
        Assert.False(manifest.IsRollbackFrom(V("1.2.0")));
    }

    [Fact]
    public void The_release_is_newer_than_its_own_prerelease()
    {
        Assert.True(Manifest("1.2.0").IsNewerThan(V("1.2.0-rc.1")));
    }

    [Fact]
    public void A_feed_older_than_the_installed_version_is_a_rollback()
    {
        Assert.True(Manifest("1.2.0").IsRollbackFrom(V("1.3.0")));
    }

    [Fact]
    public void The_update_is_mandatory_below_the_minimum_supported_version()
    {
        Assert.True(Manifest("1.2.0", minimum: "1.1.0").IsMandatoryFor(V("1.0.9")));
    }

    [Fact]
    public void The_update_is_not_mandatory_at_the_minimum_supported_version_itself()
    {
        Assert.False(Manifest("1.2.0", minimum: "1.1.0").IsMandatoryFor(V("1.1.0")));
    }

    [Fact]
    public void Without_a_minimum_no_update_is_mandatory()
    {
        Assert.False(Manifest("1.2.0").IsMandatoryFor(V("0.0.1")));
    }

    [Fact]
    public void A_manifest_is_expired_at_the_instant_of_expiry()
    {
        var manifest = Manifest(expiresDays: 30);

        Assert.False(manifest.IsExpiredAt(manifest.ExpiresAt.AddTicks(-1)));
        Assert.True(manifest.IsExpiredAt(manifest.ExpiresAt));
    }

    [Fact]
    public void The_package_is_chosen_by_runtime_identifier()
    {
        var manifest = Manifest();

        Assert.Equal(5678, manifest.PackageFor("win-x64")!.Size);
        Assert.Null(manifest.PackageFor("osx-arm64"));
    }
}
