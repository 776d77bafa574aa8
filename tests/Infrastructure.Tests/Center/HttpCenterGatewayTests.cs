using System.Text.Json.Nodes;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Tests.Fixtures;
using CertPlatform.TestSupport;

namespace CertPlatform.Infrastructure.Tests.Center;

[Collection(WireMockCollection.Name)]
public sealed class HttpCenterGatewayTests
{
    private static readonly string BasicCredentials =
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{TestPki.TicketUsername}:{TestPki.TicketPassword}"));

    private readonly WireMockPeers _peers;

    public HttpCenterGatewayTests(WireMockPeers peers)
    {
        _peers = peers;
        _peers.Reset();
    }

    [Fact]
    public async Task Issuance_returns_the_centers_ticket_and_subject()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);

        var authorization = await helper.Center.AuthorizeIssuanceAsync(LoginId.Parse("demo01"), LoginPassword.Parse(RemoteHelper.DemoPassword), default);

        Assert.Equal(TestPki.TicketUsername, authorization.Ticket.Username);
        Assert.True(authorization.Ticket.Matches(TestPki.TicketPassword));
        Assert.Equal(TestPki.Subject, authorization.Subject);
    }

    [Fact]
    public async Task Issuance_sends_login_id_and_password_as_json()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);

        await helper.Center.AuthorizeIssuanceAsync(LoginId.Parse("demo01"), LoginPassword.Parse(RemoteHelper.DemoPassword), default);

        var sent = JsonNode.Parse(Assert.Single(_peers.Requests("/bank/ok/center/v1/issuance")).Body!)!;
        Assert.Equal("demo01", sent["loginId"]!.GetValue<string>());
        Assert.Equal(RemoteHelper.DemoPassword, sent["password"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("G101e")]
    [InlineData("G102e")]
    [InlineData("G008e")]
    [InlineData("BZBE011008")]
    public async Task Issuance_refused_by_the_center_is_the_centers_catalog_code_and_installs_nothing(string code)
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, $"problem-{code}");

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(code, refused.Error.Code);
        Assert.Equal(0, helper.Store.Count);
        Assert.Equal(0, helper.Keys.Created);
    }

    [Fact]
    public async Task Locked_user_is_told_when_to_come_back()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, "problem-G102e");

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(TimeSpan.FromSeconds(900), refused.RetryAfter);
    }

    [Fact]
    public async Task Busy_center_is_G008e_with_its_retry_after()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, "busy");

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(ErrorCatalog.G008e.Code, refused.Error.Code);
        Assert.Equal(TimeSpan.FromSeconds(120), refused.RetryAfter);
        Assert.Equal(0, helper.Store.Count);
    }

    [Theory]
    [InlineData("foreign-code")]
    [InlineData("unknown-code")]
    [InlineData("html")]
    [InlineData("bad-json")]
    [InlineData("no-ticket")]
    [InlineData("redirect")]
    [InlineData("colon-ticket")]
    public async Task Center_answer_outside_the_protocol_is_G210e_and_installs_nothing(string centerCase)
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, centerCase);

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(ErrorCatalog.G210e.Code, refused.Error.Code);
        Assert.Equal(0, helper.Store.Count);
    }

    [Fact]
    public async Task Redirect_is_not_followed()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, "redirect");

        await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Single(_peers.Requests("/bank/redirect/"));
    }

    [Fact]
    public async Task Center_failure_is_G005e()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, "error");

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(ErrorCatalog.G005e.Code, refused.Error.Code);
        Assert.Equal(0, helper.Store.Count);
    }

    [Fact]
    public async Task Center_that_answers_too_late_is_G005e_naming_the_center()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, "slow", extra: new Dictionary<string, string?> { ["Network:TimeoutSeconds"] = "1" });

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(ErrorCatalog.G005e.Code, refused.Error.Code);
        Assert.Contains(_peers.HttpsUrl, refused.Error.Remedy.En, StringComparison.Ordinal);
        Assert.Equal(0, helper.Store.Count);
    }

    [Fact]
    public async Task Connection_closed_without_an_answer_is_G005e()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, "broken");

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(ErrorCatalog.G005e.Code, refused.Error.Code);
        Assert.Equal(0, helper.Store.Count);
    }

    [Fact]
    public async Task Unreachable_center_is_G005e_whose_remedy_names_the_firewall_and_the_address()
    {
        var closed = $"https://127.0.0.1:{LoopbackPort.Free()}";
        using var helper = new RemoteHelper(new Dictionary<string, string?> { ["Center:BaseUrl"] = closed, ["Ca:EstBaseUrl"] = closed });

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(ErrorCatalog.G005e.Code, refused.Error.Code);
        Assert.Contains(closed, refused.Error.Remedy.Ja, StringComparison.Ordinal);
        Assert.Contains("ファイアウォール", refused.Error.Remedy.Ja, StringComparison.Ordinal);
        Assert.Contains("firewall", refused.Error.Remedy.En, StringComparison.Ordinal);
        Assert.Equal(0, helper.Store.Count);
    }

    [Fact]
    public async Task No_password_or_ticket_reaches_the_log_even_at_trace_level()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);

        await helper.IssueAsync();

        Assert.Contains("Start processing HTTP request", helper.Log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(RemoteHelper.DemoPassword, helper.Log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPki.TicketPassword, helper.Log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(BasicCredentials, helper.Log.Text, StringComparison.Ordinal);
    }
}
