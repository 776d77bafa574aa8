using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Infrastructure.Stores;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CertPlatform.Infrastructure.Tests.Stores;

/// <summary>
/// Firefox keeps an NSS database per profile: the certificate goes into each profile named in profiles.ini beside
/// Chromium's <c>~/.pki/nssdb</c>, and removal removes it everywhere. Looked at from outside with certutil, in a
/// home folder of the test's own.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FirefoxProfilesTests : IDisposable
{
    private readonly NssTestDatabase _home = new();

    private string Firefox => Path.Combine(_home.Home, ".mozilla", "firefox");

    public void Dispose() => _home.Dispose();

    [Fact]
    public void The_profiles_are_the_ones_profiles_ini_names_that_hold_an_nss_sql_database()
    {
        var relative = Profile("abcd1234.default-release", sql: true);
        var absolute = Path.Combine(_home.Home, "elsewhere", "work");
        Directory.CreateDirectory(absolute);
        File.WriteAllText(Path.Combine(absolute, "cert9.db"), string.Empty);
        Profile("old.default", sql: false); // cert8.db only: the old format, not written to
        WriteProfilesIni(
            "[General]", "StartWithLastProfile=1", string.Empty,
            "[Profile0]", "Name=default-release", "IsRelative=1", "Path=abcd1234.default-release", "Default=1", string.Empty,
            "[Profile1]", "Name=work", "IsRelative=0", $"Path={absolute}", string.Empty,
            "[Profile2]", "Name=old", "IsRelative=1", "Path=old.default", string.Empty,
            "[Profile3]", "Name=escape", "IsRelative=1", "Path=../../.pki/nssdb", string.Empty,
            "[Profile4]", "Name=gone", "IsRelative=1", "Path=gone.default", string.Empty,
            "[Install4F96D1932A9F858E]", "Default=abcd1234.default-release");

        Assert.Equal([relative, absolute], FirefoxProfiles.Find(_home.Home));
    }

    [Fact]
    public void Without_firefox_there_are_no_profiles()
    {
        Assert.Empty(FirefoxProfiles.Find(_home.Home));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_store_finds_the_profiles_unless_told_not_to(bool firefoxProfiles)
    {
        var profile = Profile("abcd1234.default-release", sql: true);
        WriteProfilesIni("[Profile0]", "IsRelative=1", "Path=abcd1234.default-release");
        var options = Microsoft.Extensions.Options.Options.Create(new StoreOptions { Kind = StoreKind.Nss, NssDatabase = _home.DatabasePath, FirefoxProfiles = firefoxProfiles });

        var store = new BrowserProfilesStore(options, NullLoggerFactory.Instance, _home.Home);

        Assert.Equal(firefoxProfiles ? [profile] : [], store.ProfileDatabases);
        Assert.Equal(firefoxProfiles ? $"NSS sql:{_home.DatabasePath} and 1 Firefox profile(s)" : $"NSS sql:{_home.DatabasePath}", store.Description);
    }

    [NssFact]
    public async Task The_certificate_goes_into_chromiums_database_and_every_firefox_profile_and_is_removed_from_all()
    {
        var profiles = new[] { await NssProfileAsync("one.default"), await NssProfileAsync("two.work") };
        var store = Store(profiles);
        using var certificate = Certificate("demo01 A001 20261202150000000001");

        store.Add(certificate);

        foreach (var database in profiles.Append(_home.DatabasePath))
        {
            Assert.Contains("demo01 A001 20261202150000000001", await ListAsync(database, "-L"), StringComparison.Ordinal);
            Assert.Contains(NssCertificateStore.KeyId(certificate)!, await ListAsync(database, "-K"), StringComparison.Ordinal);
        }

        store.Remove(certificate.Thumbprint);

        foreach (var database in profiles.Append(_home.DatabasePath))
        {
            Assert.DoesNotContain("demo01 A001", await ListAsync(database, "-L"), StringComparison.Ordinal);
            Assert.DoesNotContain(NssCertificateStore.KeyId(certificate)!, await ListAsync(database, "-K"), StringComparison.Ordinal);
        }
    }

    [NssFact]
    public async Task A_profile_a_running_firefox_holds_open_still_gets_the_certificate()
    {
        var profile = await NssProfileAsync("open.default");
        using var holder = Hold(profile, transaction: false);
        using var certificate = Certificate("demo01 A001 20261202150000000002");

        Store([profile]).Add(certificate);

        Assert.Contains(NssCertificateStore.KeyId(certificate)!, await ListAsync(profile, "-K"), StringComparison.Ordinal);
    }

    [NssFact]
    public async Task A_profile_locked_by_another_program_is_skipped_without_an_orphaned_key_and_chromiums_copy_stands()
    {
        var profile = await NssProfileAsync("locked.default");
        var logger = new RecordingLogger();
        using var certificate = Certificate("demo01 A001 20261202150000000003");
        using (Hold(profile, transaction: true))
        {
            Store([profile], logger).Add(certificate);
        }

        Assert.Contains(NssCertificateStore.KeyId(certificate)!, await ListAsync(_home.DatabasePath, "-K"), StringComparison.Ordinal);
        Assert.DoesNotContain("demo01 A001", await ListAsync(profile, "-L"), StringComparison.Ordinal);
        Assert.DoesNotContain(NssCertificateStore.KeyId(certificate)!, await ListAsync(profile, "-K"), StringComparison.Ordinal);
        Assert.Contains(logger.Lines, l => l.Contains(profile, StringComparison.Ordinal) && l.Contains("G231e", StringComparison.Ordinal));
    }

    private BrowserProfilesStore Store(IReadOnlyList<string> profiles, ILogger<BrowserProfilesStore>? logger = null) =>
        new(
            new NssCertificateStore(_home.DatabasePath, string.Empty, NullLogger<NssCertificateStore>.Instance),
            [.. profiles.Select(p => new NssCertificateStore(p, string.Empty, NullLogger<NssCertificateStore>.Instance))],
            logger ?? NullLogger<BrowserProfilesStore>.Instance);

    private string Profile(string name, bool sql)
    {
        var folder = Path.Combine(Firefox, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, sql ? "cert9.db" : "cert8.db"), string.Empty);
        return folder;
    }

    private void WriteProfilesIni(params string[] lines)
    {
        Directory.CreateDirectory(Firefox);
        File.WriteAllLines(Path.Combine(Firefox, "profiles.ini"), lines);
    }

    /// <summary>A profile folder with a real NSS database, as Firefox makes one.</summary>
    private async Task<string> NssProfileAsync(string name)
    {
        var folder = Path.Combine(Firefox, name);
        Directory.CreateDirectory(folder);
        var (code, output) = await ExternalTool.Run("certutil", "-N", "-d", $"sql:{folder}", "--empty-password");
        Assert.True(code == 0, output);
        return folder;
    }

    private static async Task<string> ListAsync(string database, string what)
    {
        var (_, output) = await ExternalTool.Run("certutil", what, "-d", $"sql:{database}");
        return output;
    }

    /// <summary>
    /// Another process with the profile's databases open (Python's sqlite3), as a running Firefox has them; with
    /// <paramref name="transaction"/> it also holds a transaction open, which locks NSS's writers out.
    /// </summary>
    private static Holder Hold(string profile, bool transaction)
    {
        var script = $$"""
            import sqlite3, sys
            connections = [sqlite3.connect(r'{{Path.Combine(profile, "cert9.db")}}'), sqlite3.connect(r'{{Path.Combine(profile, "key4.db")}}')]
            for c in connections:
                {{(transaction ? "c.execute('BEGIN')" : "pass")}}
                c.execute('SELECT count(*) FROM sqlite_master').fetchall()
            print('holding', flush=True)
            sys.stdin.read()
            """;
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        var process = Process.Start(start)!;
        Assert.Equal("holding", process.StandardOutput.ReadLine());
        return new Holder(process);
    }

    private static X509Certificate2 Certificate(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        return new CertificateRequest($"O=(2235)TEST BANK, CN={commonName}", key, HashAlgorithmName.SHA256).CreateSelfSigned(now.AddMinutes(-1), now.AddDays(30));
    }

    private sealed class Holder(Process process) : IDisposable
    {
        public void Dispose()
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(5000))
            {
                process.Kill();
            }

            process.Dispose();
        }
    }

    private sealed class RecordingLogger : ILogger<BrowserProfilesStore>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}
