using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.Sandbox;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Sandbox.Tests;

public sealed class SandboxRegistryTests : IDisposable
{
    private readonly HelperPaths _paths = new(Path.Combine(Path.GetTempPath(), "certplatform-tests", Guid.NewGuid().ToString("N")), Path.GetTempPath());
    private readonly CapturedLog _log = new();
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
    public void A_journal_cut_short_keeps_every_whole_record_and_a_revocation_after_the_import_survives_a_restart()
    {
        // The steps: A and B issued, the journal's last line cut short, a start, A revoked, a restart.
        WriteJournal(Record("AA"), Record("BB"));
        var journal = Path.Combine(_paths.SandboxDirectory, SandboxRegistry.JournalFileName);
        using (var file = new FileStream(journal, FileMode.Open))
        {
            file.SetLength(file.Length - 40);
        }

        using (var first = new SandboxRegistry(_paths, _log.For<SandboxRegistry>()))
        {
            Assert.Equal(["AA"], first.All.Select(r => r.Thumbprint));
            Assert.True(first.Revoke("AA", At.AddDays(1)));
            first.Add(Record("CC"));
        }

        using var again = new SandboxRegistry(_paths);

        Assert.Equal(At.AddDays(1), again.FindByThumbprint("AA")!.RevokedAt);
        Assert.NotNull(again.FindByThumbprint("CC"));
        Assert.Contains(_log.Lines, l => l.Contains("Line 2 of", StringComparison.Ordinal) && l.Contains("not imported", StringComparison.Ordinal));
        Assert.False(File.Exists(journal), "the journal is imported once");
        Assert.True(File.Exists(journal + ".imported"), "and kept beside");
    }

    [Fact]
    public void Garbage_in_the_middle_of_a_journal_loses_only_its_own_line_and_the_last_line_for_a_thumbprint_wins()
    {
        WriteJournal(Record("AA"), Record("BB"));
        var journal = Path.Combine(_paths.SandboxDirectory, SandboxRegistry.JournalFileName);
        var revoked = System.Text.Json.JsonSerializer.Serialize(Record("AA") with { RevokedAt = At.AddDays(2) }, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        File.AppendAllText(journal, "\u0000\u0001garbage{{{\n" + revoked + "\n");

        using var registry = new SandboxRegistry(_paths, _log.For<SandboxRegistry>());

        Assert.Equal(2, registry.All.Count);
        Assert.Equal(At.AddDays(2), registry.FindByThumbprint("AA")!.RevokedAt);
        Assert.Contains(_log.Lines, l => l.Contains("Line 3 of", StringComparison.Ordinal));
    }

    [Fact]
    public void A_renewal_supersedes_the_certificate_it_renews_once_and_that_survives_a_restart()
    {
        using (var registry = new SandboxRegistry(_paths))
        {
            registry.Add(Record("AA"));
            registry.Add(Record("BB") with { Renews = "aa" });
            registry.Add(Record("CC") with { Renews = "AA" });
        }

        using var again = new SandboxRegistry(_paths);

        Assert.Equal("BB", again.FindByThumbprint("AA")!.SupersededBy);
        Assert.Null(again.FindByThumbprint("BB")!.SupersededBy);
    }

    [Fact]
    public void A_registry_file_that_is_not_a_database_refuses_to_open_with_G262e_naming_the_file()
    {
        Directory.CreateDirectory(_paths.SandboxDirectory);
        File.WriteAllText(Path.Combine(_paths.SandboxDirectory, SandboxRegistry.FileName), "this is not a database, it is garbage of some length......");

        using var registry = new SandboxRegistry(_paths);
        var ex = Assert.Throws<CertPlatformException>(registry.EnsureReadable);

        Assert.Same(ErrorCatalog.G262e, ex.Error);
        Assert.Contains(SandboxRegistry.FileName, ex.InnerException!.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public void The_registry_is_the_users_only()
    {
        using (var registry = new SandboxRegistry(_paths))
        {
            registry.Add(Record("AA"));
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(Path.Combine(_paths.SandboxDirectory, SandboxRegistry.FileName));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        }
    }

    private void WriteJournal(params IssuedRecord[] records)
    {
        Directory.CreateDirectory(_paths.SandboxDirectory);
        var json = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        File.WriteAllLines(Path.Combine(_paths.SandboxDirectory, SandboxRegistry.JournalFileName), records.Select(r => System.Text.Json.JsonSerializer.Serialize(r, json)));
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
