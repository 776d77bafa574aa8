using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Tests.Fixtures;

namespace CertPlatform.Infrastructure.Tests.Network;

/// <summary>What the user meets on the way to the center: TLS that is not the bank's, and the company proxy.</summary>
[Collection(WireMockCollection.Name)]
public sealed class TlsAndProxyTests
{
    private readonly WireMockPeers _peers;

    public TlsAndProxyTests(WireMockPeers peers)
    {
        _peers = peers;
        _peers.Reset();
    }

    [Fact]
    public async Task Tls_server_outside_the_configured_roots_is_G207e_logged_as_untrusted()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, extra: new Dictionary<string, string?> { ["Network:ServerTrustAnchorPath"] = TestPki.RogueRoot });

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(ErrorCatalog.G207e.Code, refused.Error.Code);
        Assert.Contains("untrusted", helper.Log.Text, StringComparison.Ordinal);
        Assert.Equal(0, helper.Store.Count);
    }

    [Fact]
    public async Task Tls_certificate_for_another_name_is_G207e_logged_as_name_mismatch()
    {
        using var helper = RemoteHelper.For(_peers.WrongName.Urls[0]);

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(ErrorCatalog.G207e.Code, refused.Error.Code);
        Assert.Contains("name mismatch", helper.Log.Text, StringComparison.Ordinal);
        Assert.Equal(0, helper.Store.Count);
    }

    [Fact]
    public async Task Tls_handshake_that_fails_is_G207e()
    {
        var notTls = _peers.HttpUrl.Replace("http://", "https://", StringComparison.Ordinal);
        using var helper = RemoteHelper.For(notTls);

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(ErrorCatalog.G207e.Code, refused.Error.Code);
        Assert.Contains("TLS handshake failed", helper.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Os_roots_decide_only_when_configured_to()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, extra: new Dictionary<string, string?> { ["Network:UseSystemTrust"] = "true" });

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(ErrorCatalog.G207e.Code, refused.Error.Code);
    }

    [Fact]
    public async Task Explicit_proxy_gets_its_id_and_password()
    {
        using var helper = ThroughProxy(TestPki.ProxyUser, TestPki.ProxyPassword);

        var authorization = await helper.Center.AuthorizeIssuanceAsync(LoginId.Parse("demo01"), LoginPassword.Parse(RemoteHelper.DemoPassword), default);

        Assert.Equal(TestPki.Subject, authorization.Subject);
        Assert.Contains(_peers.Http.LogEntries, e => e.RequestMessage!.Headers!.ContainsKey("Proxy-Authorization"));
    }

    [Fact]
    public async Task Wrong_proxy_password_is_G009e_and_installs_nothing()
    {
        using var helper = ThroughProxy(TestPki.ProxyUser, "wrong-pass");

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(ErrorCatalog.G009e.Code, refused.Error.Code);
        Assert.Equal(0, helper.Store.Count);
    }

    [Fact]
    public async Task Proxy_that_asks_for_an_id_when_none_is_configured_is_G009e()
    {
        using var helper = ThroughProxy(null, null);

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(ErrorCatalog.G009e.Code, refused.Error.Code);
    }

    [Fact]
    public async Task Proxy_password_never_reaches_the_log()
    {
        using var helper = ThroughProxy(TestPki.ProxyUser, "wrong-pass");

        await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.DoesNotContain("wrong-pass", helper.Log.Text, StringComparison.Ordinal);
    }

    private RemoteHelper ThroughProxy(string? user, string? password) =>
        new(new Dictionary<string, string?>
        {
            ["Center:BaseUrl"] = $"{_peers.HttpUrl}/via-proxy/",
            ["Ca:EstBaseUrl"] = _peers.HttpUrl,
            ["Network:Proxy:Mode"] = "Explicit",
            ["Network:Proxy:Url"] = _peers.HttpUrl,
            ["Network:Proxy:UserName"] = user,
            ["Network:Proxy:Password"] = password,
        });
}
