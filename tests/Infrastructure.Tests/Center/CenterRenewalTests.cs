using CertPlatform.Application.Ports;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Tests.Fixtures;

namespace CertPlatform.Infrastructure.Tests.Center;

/// <summary>The renewal's three steps against the center double: password over TLS client authentication, OTP, time sync.</summary>
[Collection(WireMockCollection.Name)]
public sealed class CenterRenewalTests
{
    private static readonly LoginPassword Password = LoginPassword.Parse(RemoteHelper.DemoPassword);
    private static readonly OneTimePassword Otp = OneTimePassword.Parse("123456");

    private readonly WireMockPeers _peers;

    public CenterRenewalTests(WireMockPeers peers)
    {
        _peers = peers;
        _peers.Reset();
    }

    [Fact]
    public async Task Renewal_begins_with_the_password_and_asks_for_the_one_time_password()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);
        using var current = TestPki.CustomerWithKey();

        var step = await helper.Center.BeginRenewalAsync(current, Password, default);

        Assert.Equal(new CenterRenewalStep("r-0001", CenterRenewalNext.Otp), step);
    }

    [Fact]
    public async Task Renewal_presents_the_current_certificate_as_tls_client_certificate()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);
        using var current = TestPki.CustomerWithKey();

        await helper.Center.BeginRenewalAsync(current, Password, default);

        var presented = Assert.Single(_peers.Requests("/bank/ok/center/v1/renewals")).ClientCertificate;
        Assert.Equal(current.Thumbprint, presented?.Thumbprint);
    }

    [Fact]
    public async Task Drifted_token_asks_for_time_sync()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);

        var step = await helper.Center.VerifyOtpAsync("r-0001", Otp, default);

        Assert.Equal(CenterRenewalNext.TimeSync, step.Next);
        Assert.Null(step.Ticket);
    }

    [Fact]
    public async Task Time_sync_gives_the_ticket_and_the_new_subject()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);

        var step = await helper.Center.VerifyTimeSyncAsync("r-0001", new TimeSyncPair(Otp, OneTimePassword.Parse("654321")), default);

        Assert.Equal(CenterRenewalNext.Ticket, step.Next);
        Assert.Equal(TestPki.TicketUsername, step.Ticket!.Username);
        Assert.Equal(TestPki.Subject, step.Subject);
    }

    [Fact]
    public async Task One_time_password_gives_the_ticket_when_the_token_kept_time()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, "no-drift");

        var step = await helper.Center.VerifyOtpAsync("r-0002", Otp, default);

        Assert.Equal(CenterRenewalNext.Ticket, step.Next);
        Assert.True(step.Ticket!.Matches(TestPki.TicketPassword));
    }

    [Theory]
    [InlineData("begin", "G101e")]
    [InlineData("begin", "G102e")]
    [InlineData("begin", "G014e")]
    [InlineData("begin", "G202e")]
    [InlineData("begin", "G208e")]
    [InlineData("begin", "BZBE011008")]
    [InlineData("otp", "G103e")]
    [InlineData("otp", "G104e")]
    [InlineData("otp", "G106e")]
    [InlineData("time-sync", "G105e")]
    public async Task Renewal_refused_by_the_center_is_the_centers_catalog_code(string step, string code)
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, $"problem-{code}");
        using var current = TestPki.CustomerWithKey();

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => step switch
        {
            "begin" => helper.Center.BeginRenewalAsync(current, Password, default),
            "otp" => helper.Center.VerifyOtpAsync("r-0001", Otp, default),
            _ => helper.Center.VerifyTimeSyncAsync("r-0001", new TimeSyncPair(Otp, Otp), default),
        });

        Assert.Equal(code, refused.Error.Code);
    }

    [Theory]
    [InlineData("wrong-step")]
    [InlineData("bad-id")]
    [InlineData("no-subject")]
    public async Task Renewal_answer_outside_the_protocol_is_G210e(string centerCase)
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, centerCase);
        using var current = TestPki.CustomerWithKey();

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.Center.BeginRenewalAsync(current, Password, default));

        Assert.Equal(ErrorCatalog.G210e.Code, refused.Error.Code);
    }

    [Fact]
    public async Task Certificate_without_its_key_cannot_begin_a_renewal()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);
        using var publicOnly = TestPki.Certificate("customer");

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.Center.BeginRenewalAsync(publicOnly, Password, default));

        Assert.Equal(ErrorCatalog.BZBE011008.Code, refused.Error.Code);
        Assert.Empty(_peers.Requests("/bank/ok/"));
    }
}
