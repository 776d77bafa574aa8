using CertPlatform.Infrastructure.Hosting;
using CertPlatform.Sandbox;

namespace CertPlatform.Sandbox.Tests;

public sealed class SandboxRegistryTests : IDisposable
{
    private readonly HelperPaths _paths = new(Path.Combine(Path.GetTempPath(), "certplatform-tests", Guid.NewGuid().ToString("N")), Path.GetTempPath());
    private static readonly DateTimeOffset At = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Issued_and_revoked_certificates_survive_a_restart()
    {
        using var first = new SandboxRegistry(_paths);
        first.Add(Record("AA"));
        first.Add(Record("BB"));
        Assert.True(first.Revoke("aa", At.AddDays(1)));

        using var again = new SandboxRegistry(_paths);

        Assert.Equal(2, again.All.Count);
        Assert.Equal(At.AddDays(1), again.FindByThumbprint("AA")!.RevokedAt);
        Assert.Null(again.FindByThumbprint("BB")!.RevokedAt);
    }

    [Fact]
    public void Revoking_twice_keeps_the_first_time_and_unknown_certificates_are_not_revoked()
    {
        using var registry = new SandboxRegistry(_paths);
        registry.Add(Record("AA"));

        registry.Revoke("AA", At.AddDays(1));
        registry.Revoke("AA", At.AddDays(2));

        Assert.Equal(At.AddDays(1), registry.FindByThumbprint("AA")!.RevokedAt);
        Assert.False(registry.Revoke("CC", At));
    }

    [Fact]
    public void A_line_cut_short_by_a_crash_is_ignored()
    {
        using (var writer = new SandboxRegistry(_paths))
        {
            writer.Add(Record("AA"));
        }

        File.AppendAllText(Path.Combine(_paths.SandboxDirectory, "issued.jsonl"), "{\"serialNumber\":\"0102\",\"thumb");

        using var registry = new SandboxRegistry(_paths);

        Assert.Single(registry.All);
    }

    private static IssuedRecord Record(string thumbprint) =>
        new($"serial-{thumbprint}", thumbprint, "demo01", "CN=demo01 A001 20261126000000000000", At, At.AddDays(366));

    public void Dispose()
    {
        if (Directory.Exists(_paths.DataDirectory))
        {
            Directory.Delete(_paths.DataDirectory, recursive: true);
        }
    }
}
