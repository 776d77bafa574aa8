using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CertPlatform.Application.Checks;
using CertPlatform.Application.Diagnostics;
using CertPlatform.Infrastructure.Tests.Fixtures;
using CertPlatform.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CertPlatform.Infrastructure.Tests.Diagnostics;

/// <summary>
/// The diagnostics in Remote mode against the WireMock center and CA, each way to fail made for real on loopback:
/// a TLS server outside the trusted roots, one for another name, one that is not TLS at all, a proxy answering 407,
/// a closed port, a server that never answers. The verdicts and remedies are the ones issuance would give.
/// </summary>
[Collection(WireMockCollection.Name)]
public sealed class PeerDiagnosticsTests
{
    private static readonly DateTimeOffset CenterTime = new(2026, 5, 1, 0, 0, 30, TimeSpan.Zero);

    private readonly WireMockPeers _peers;

    public PeerDiagnosticsTests(WireMockPeers peers)
    {
        _peers = peers;
        _peers.Reset();
    }

    [Fact]
    public async Task The_banks_center_and_ca_over_trusted_tls_are_ok_with_timings()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, time: new FakeTimeProvider(CenterTime));

        var report = await RunAsync(helper);

        Assert.Equal(CheckStatus.Ok, Check(report, "center").Status);
        Assert.Equal(CheckStatus.Ok, Check(report, "ca").Status);
        Assert.Equal("Reachable", Check(report, "center").Facts!["outcome"]);
        Assert.True(Check(report, "ca").Facts!.ContainsKey("elapsedMs"));
        Assert.Equal(_peers.HttpsUrl, Check(report, "center").Facts!["address"]);
    }

    [Fact]
    public async Task A_tls_server_outside_the_configured_roots_is_untrusted_with_G207e()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, extra: new Dictionary<string, string?> { ["Network:ServerTrustAnchorPath"] = TestPki.RogueRoot });

        var center = Check(await RunAsync(helper), "center");

        Assert.Equal(CheckStatus.Failed, center.Status);
        Assert.Equal("Untrusted", center.Facts!["outcome"]);
        Assert.Equal("G207e", center.Code);
        Assert.Contains("SSL", center.Remedy!.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tls_certificate_for_another_name_is_a_name_mismatch_with_G207e()
    {
        using var helper = RemoteHelper.For(_peers.WrongName.Urls[0]);

        var center = Check(await RunAsync(helper), "center");

        Assert.Equal(CheckStatus.Failed, center.Status);
        Assert.Equal("NameMismatch", center.Facts!["outcome"]);
        Assert.Equal("G207e", center.Code);
    }

    [Fact]
    public async Task A_peer_that_drops_the_tls_handshake_is_handshake_failed_with_G207e()
    {
        var notTls = _peers.HttpUrl.Replace("http://", "https://", StringComparison.Ordinal);
        using var helper = RemoteHelper.For(notTls);

        var center = Check(await RunAsync(helper), "center");

        Assert.Equal(CheckStatus.Failed, center.Status);
        Assert.Equal("HandshakeFailed", center.Facts!["outcome"]);
        Assert.Equal("G207e", center.Code);
    }

    [Fact]
    public async Task A_proxy_that_answers_407_is_proxy_refused_with_the_proxy_password_remedy()
    {
        using var helper = ThroughProxy("wrong-pass");

        var center = Check(await RunAsync(helper), "center");

        Assert.Equal(CheckStatus.Failed, center.Status);
        Assert.Equal("ProxyRefused", center.Facts!["outcome"]);
        Assert.Equal("G009e", center.Code);
        Assert.Contains("プロキシサーバのIDおよびパスワード", center.Remedy!.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_proxy_in_effect_is_shown_without_its_password()
    {
        using var helper = ThroughProxy("wrong-pass");

        var report = await RunAsync(helper);
        var proxy = Check(report, "proxy");

        Assert.Equal(CheckStatus.Ok, proxy.Status);
        Assert.Equal(_peers.HttpUrl, proxy.Facts!["address"]);
        Assert.Equal("configured", proxy.Facts!["credentials"]);
        Assert.DoesNotContain("wrong-pass", JsonSerializer.Serialize(report), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pass", helper.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_unreachable_and_the_remedy_names_the_address()
    {
        var closed = $"https://127.0.0.1:{LoopbackPort.Free()}";
        using var helper = RemoteHelper.For(closed);

        var report = await RunAsync(helper);
        var ca = Check(report, "ca");

        Assert.Equal(CheckStatus.Failed, ca.Status);
        Assert.Equal("Unreachable", ca.Facts!["outcome"]);
        Assert.Equal("G005e", ca.Code);
        Assert.Contains(closed, ca.Remedy!.Ja, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Skipped, Check(report, "clock").Status);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_a_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var address = $"https://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        using var helper = RemoteHelper.For(address, extra: new Dictionary<string, string?> { ["Diagnostics:ProbeTimeoutSeconds"] = "1" });

        var center = Check(await RunAsync(helper), "center");

        Assert.Equal(CheckStatus.Failed, center.Status);
        Assert.Equal("Timeout", center.Facts!["outcome"]);
        Assert.Equal("G005e", center.Code);
    }

    [Fact]
    public async Task A_pc_clock_ten_minutes_fast_against_the_centers_warns_with_G250e()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, time: new FakeTimeProvider(CenterTime.AddMinutes(10)));

        var clock = Check(await RunAsync(helper), "clock");

        Assert.Equal(CheckStatus.Warning, clock.Status);
        Assert.Equal("G250e", clock.Code);
        Assert.Equal("600", clock.Facts!["skewSeconds"]);
    }

    [Fact]
    public async Task A_pc_clock_that_agrees_with_the_centers_is_ok()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, time: new FakeTimeProvider(CenterTime.AddSeconds(2)));

        Assert.Equal(CheckStatus.Ok, Check(await RunAsync(helper), "clock").Status);
    }

    private static async Task<DiagnosticsReport> RunAsync(RemoteHelper helper) =>
        await ActivatorUtilities.CreateInstance<RunDiagnosticsHandler>(helper.Services).Handle(new RunDiagnostics(), CancellationToken.None);

    private static DiagnosticCheck Check(DiagnosticsReport report, string name) => Assert.Single(report.Checks, c => c.Name == name);

    private RemoteHelper ThroughProxy(string password) =>
        new(new Dictionary<string, string?>
        {
            ["Center:BaseUrl"] = $"{_peers.HttpUrl}/via-proxy/",
            ["Ca:EstBaseUrl"] = _peers.HttpUrl,
            ["Network:Proxy:Mode"] = "Explicit",
            ["Network:Proxy:Url"] = _peers.HttpUrl,
            ["Network:Proxy:UserName"] = TestPki.ProxyUser,
            ["Network:Proxy:Password"] = password,
        });
}
