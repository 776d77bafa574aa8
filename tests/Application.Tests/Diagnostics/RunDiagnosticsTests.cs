using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Checks;
using CertPlatform.Application.Diagnostics;
using CertPlatform.Application.Ports;
using CertPlatform.Application.Tests.Updates;
using CertPlatform.Domain.Errors;

namespace CertPlatform.Application.Tests.Diagnostics;

/// <summary>Each check of the manual's FAQ, made to fail on purpose at its port, with the status and the remedy the user gets.</summary>
public sealed class RunDiagnosticsTests : IDisposable
{
    private readonly DiagnosticsWorld _world = new();

    public RunDiagnosticsTests()
    {
        _world.Updates.Feed.Publish(UpdateWorld.Manifest("1.0.0"));
        _world.Connections.Probes.Add(new PeerProbe("center", "https://center.bank.example", PeerOutcome.Reachable, TimeSpan.FromMilliseconds(40), 200));
        _world.Connections.Probes.Add(new PeerProbe("ca", "https://ca.bank.example", PeerOutcome.Reachable, TimeSpan.FromMilliseconds(60), 200));
    }

    [Fact]
    public async Task A_healthy_pc_is_ok_on_every_check()
    {
        var report = await _world.RunAsync();

        Assert.Equal(CheckStatus.Ok, report.Status);
        Assert.Equal(
            ["helper", "store", "clock", "center", "ca", "proxy", "updates", "software"],
            report.Checks.Select(c => c.Name));
        Assert.All(report.Checks, c => Assert.Null(c.Remedy));
    }

    [Fact]
    public async Task Pc_clock_ten_minutes_ahead_of_the_center_warns_with_the_date_remedy()
    {
        _world.Center.ClockOffset = TimeSpan.FromMinutes(-10);

        var clock = DiagnosticsWorld.Check(await _world.RunAsync(), "clock");

        Assert.Equal(CheckStatus.Warning, clock.Status);
        Assert.Equal("G250e", clock.Code);
        Assert.Contains("時刻を自動的に設定する", clock.Remedy!.Ja, StringComparison.Ordinal);
        Assert.Equal("600", clock.Facts!["skewSeconds"]);
        Assert.Contains("600 秒進んで", clock.Detail.Ja, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(300, 299, CheckStatus.Ok)]
    [InlineData(300, 301, CheckStatus.Warning)]
    [InlineData(300, -301, CheckStatus.Warning)]
    [InlineData(60, 61, CheckStatus.Warning)]
    [InlineData(60, 59, CheckStatus.Ok)]
    public async Task Clock_skew_is_judged_against_the_configured_limit(int limitSeconds, int pcAheadSeconds, CheckStatus expected)
    {
        _world.Options.MaxClockSkewSeconds = limitSeconds;
        _world.Center.ClockOffset = TimeSpan.FromSeconds(-pcAheadSeconds);

        Assert.Equal(expected, DiagnosticsWorld.Check(await _world.RunAsync(), "clock").Status);
    }

    [Fact]
    public async Task Clock_is_not_compared_when_the_center_cannot_be_reached()
    {
        _world.Center.TimeFailure = ErrorCatalog.G005e;

        var clock = DiagnosticsWorld.Check(await _world.RunAsync(), "clock");

        Assert.Equal(CheckStatus.Skipped, clock.Status);
        Assert.Equal("G005e", clock.Facts!["failure"]);
    }

    [Fact]
    public async Task A_store_that_cannot_be_opened_fails_with_G251e()
    {
        _world.StoreFailure = new CryptographicException("The store is damaged.");

        var report = await _world.RunAsync();
        var store = DiagnosticsWorld.Check(report, "store");

        Assert.Equal(CheckStatus.Failed, store.Status);
        Assert.Equal("G251e", store.Code);
        Assert.Contains("電子証明書を発行したユーザーでPCにログイン", store.Remedy!.Ja, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Failed, report.Status);
    }

    [Fact]
    public async Task A_store_failing_with_its_own_catalog_error_gives_that_remedy()
    {
        _world.StoreFailure = new CertPlatformException(ErrorCatalog.G005e);

        Assert.Equal("G005e", DiagnosticsWorld.Check(await _world.RunAsync(), "store").Code);
    }

    [Fact]
    public async Task The_store_check_counts_the_certificates_of_the_banks_ca()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=demo01 A001 1", key, HashAlgorithmName.SHA256);
        using var issued = _world.Ca.Sign(request.CreateSigningRequest(), UpdateWorld.Now);
        using var withKey = issued.CopyWithPrivateKey(key);
        _world.Store.Add(withKey);

        var store = DiagnosticsWorld.Check(await _world.RunAsync(), "store");

        Assert.Equal(CheckStatus.Ok, store.Status);
        Assert.Equal("1", store.Facts!["bankCertificates"]);
    }

    [Theory]
    [InlineData(PeerOutcome.NameMismatch, "G207e")]
    [InlineData(PeerOutcome.Untrusted, "G207e")]
    [InlineData(PeerOutcome.HandshakeFailed, "G207e")]
    [InlineData(PeerOutcome.ProxyRefused, "G009e")]
    [InlineData(PeerOutcome.Unreachable, "G005e")]
    [InlineData(PeerOutcome.Timeout, "G005e")]
    public async Task A_way_to_the_center_that_fails_gives_the_remedy_issuance_would(PeerOutcome outcome, string code)
    {
        _world.Connections.Probes[0] = new PeerProbe("center", "https://center.bank.example", outcome, TimeSpan.FromSeconds(1));

        var center = DiagnosticsWorld.Check(await _world.RunAsync(), "center");

        Assert.Equal(CheckStatus.Failed, center.Status);
        Assert.Equal(code, center.Code);
        var remedy = code == "G005e" ? ErrorCatalog.G005eUnreachable("https://center.bank.example").Remedy : ErrorCatalog.Find(code)!.Remedy;
        Assert.Equal(remedy, center.Remedy);
        Assert.Equal(outcome.ToString(), center.Facts!["outcome"]);
    }

    [Fact]
    public async Task An_unreachable_ca_names_its_address_in_the_remedy()
    {
        _world.Connections.Probes[1] = new PeerProbe("ca", "https://ca.bank.example", PeerOutcome.Unreachable, TimeSpan.Zero);

        var ca = DiagnosticsWorld.Check(await _world.RunAsync(), "ca");

        Assert.Contains("https://ca.bank.example", ca.Remedy!.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_peer_that_answers_with_a_server_error_is_a_warning()
    {
        _world.Connections.Probes[0] = new PeerProbe("center", "https://center.bank.example", PeerOutcome.Reachable, TimeSpan.Zero, 503);

        var center = DiagnosticsWorld.Check(await _world.RunAsync(), "center");

        Assert.Equal(CheckStatus.Warning, center.Status);
        Assert.Equal("G005e", center.Code);
    }

    [Fact]
    public async Task Embedded_mode_skips_the_network_checks()
    {
        _world.Connections.Probes.Clear();
        _world.Connections.Proxy = null;
        _world.Connections.CenterMode = "Embedded";

        var report = await _world.RunAsync();

        Assert.All(["center", "ca", "proxy"], name => Assert.Equal(CheckStatus.Skipped, DiagnosticsWorld.Check(report, name).Status));
        Assert.Equal("Embedded", DiagnosticsWorld.Check(report, "helper").Facts!["centerMode"]);
    }

    [Fact]
    public async Task The_proxy_check_says_an_id_is_configured_and_never_more()
    {
        _world.Connections.Proxy = new ProxyInEffect("Explicit", "http://proxy.corp.example:8080", HasCredentials: true);

        var proxy = DiagnosticsWorld.Check(await _world.RunAsync(), "proxy");

        Assert.Equal(CheckStatus.Ok, proxy.Status);
        Assert.Equal("configured", proxy.Facts!["credentials"]);
        Assert.Contains("http://proxy.corp.example:8080", proxy.Detail.En, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_feed_that_cannot_be_reached_warns_with_G003e()
    {
        _world.Updates.Feed.GoDown();

        var updates = DiagnosticsWorld.Check(await _world.RunAsync(), "updates");

        Assert.Equal(CheckStatus.Warning, updates.Status);
        Assert.Equal("G003e", updates.Code);
        Assert.Equal(ErrorCatalog.G003e.Remedy, updates.Remedy);
    }

    [Fact]
    public async Task The_last_check_of_the_updates_feature_is_reported_when_it_failed_after_a_success()
    {
        await _world.Checker.CheckAsync(CancellationToken.None);
        _world.Updates.Feed.GoDown();
        _world.Updates.Time.Advance(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<CertPlatformException>(() => _world.Checker.CheckAsync(CancellationToken.None));

        Assert.Equal("G003e", DiagnosticsWorld.Check(await _world.RunAsync(), "updates").Code);
    }

    [Fact]
    public async Task A_mandatory_update_fails_the_update_check_with_G408e()
    {
        _world.Updates.Feed.Publish(UpdateWorld.Manifest("2.0.0", minimum: "2.0.0"));

        var updates = DiagnosticsWorld.Check(await _world.RunAsync(), "updates");

        Assert.Equal(CheckStatus.Failed, updates.Status);
        Assert.Equal("G408e", updates.Code);
    }

    [Fact]
    public async Task A_newer_version_is_a_warning()
    {
        _world.Updates.Feed.Publish(UpdateWorld.Manifest("1.1.0"));

        var updates = DiagnosticsWorld.Check(await _world.RunAsync(), "updates");

        Assert.Equal(CheckStatus.Warning, updates.Status);
        Assert.Equal("1.1.0", updates.Facts!["latest"]);
    }

    [Fact]
    public async Task Without_a_feed_the_update_check_is_skipped()
    {
        _world.Updates.Options.FeedUrl = null;

        Assert.Equal(CheckStatus.Skipped, DiagnosticsWorld.Check(await _world.RunAsync(), "updates").Status);
    }

    [Theory]
    [InlineData("HP Sure Click Pro")]
    [InlineData("SMARTACCESS/Basic")]
    [InlineData("HP Simple Pass PE 2011")]
    [InlineData("hp sure click")]
    public async Task Software_the_manual_names_is_a_warning_with_its_remedy(string installed)
    {
        _world.Programs.Names = ["Microsoft Edge", installed];

        var software = DiagnosticsWorld.Check(await _world.RunAsync(), "software");

        Assert.Equal(CheckStatus.Warning, software.Status);
        Assert.Equal("G252e", software.Code);
        Assert.Contains(installed, software.Detail.Ja, StringComparison.Ordinal);
        Assert.Contains("証明書を失効後、再度取得", software.Remedy!.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_windows_the_software_check_is_skipped()
    {
        _world.Programs.Names = null;

        Assert.Equal(CheckStatus.Skipped, DiagnosticsWorld.Check(await _world.RunAsync(), "software").Status);
    }

    [Fact]
    public async Task The_report_is_as_bad_as_its_worst_check()
    {
        _world.Center.ClockOffset = TimeSpan.FromHours(1);
        _world.Programs.Names = null;

        Assert.Equal(CheckStatus.Warning, (await _world.RunAsync()).Status);
    }

    public void Dispose() => _world.Dispose();
}
