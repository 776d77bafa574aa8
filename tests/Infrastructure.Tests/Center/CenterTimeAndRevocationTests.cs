using System.Text.Json.Nodes;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Tests.Fixtures;

namespace CertPlatform.Infrastructure.Tests.Center;

/// <summary>The center protocol's clock and revocation, as the HTTP client speaks them, against the WireMock center.</summary>
[Collection(WireMockCollection.Name)]
public sealed class CenterTimeAndRevocationTests
{
    private static readonly DateTimeOffset CenterTime = new(2026, 5, 1, 0, 0, 30, TimeSpan.Zero);

    private readonly WireMockPeers _peers;

    public CenterTimeAndRevocationTests(WireMockPeers peers)
    {
        _peers = peers;
        _peers.Reset();
    }

    [Fact]
    public async Task The_centers_clock_is_read_from_its_time_answer()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);

        Assert.Equal(CenterTime, await helper.Center.GetTimeAsync(default));
    }

    [Fact]
    public async Task A_center_that_answers_only_with_a_date_header_is_read_by_it()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, "date-only");

        var time = await helper.Center.GetTimeAsync(default);

        // Kestrel under WireMock may stamp its own Date: either way the answer is a real clock, to the second.
        Assert.Equal(0, time.Millisecond);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Fact]
    public async Task The_holder_revokes_over_tls_client_authentication_with_the_password()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);
        using var current = TestPki.CustomerWithKey();

        var receipt = await helper.Center.RevokeAsync(current, LoginPassword.Parse(RemoteHelper.DemoPassword), default);

        Assert.Equal("1a2b3c4d", receipt.SerialNumber);
        Assert.Equal("0A1B2C3D4E5F60718293A4B5C6D7E8F901234567", receipt.Thumbprint);
        var request = Assert.Single(_peers.Requests("/bank/ok/center/v1/certificates/revocations"));
        Assert.Equal(RemoteHelper.DemoPassword, JsonNode.Parse(request.Body!)!["password"]!.GetValue<string>());
        Assert.NotNull(request.ClientCertificate);
    }

    [Fact]
    public async Task An_administrator_revokes_by_serial_number_without_a_client_certificate()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);

        var receipt = await helper.Center.RevokeAsAdministratorAsync(
            LoginId.Parse("admin01"), LoginPassword.Parse(RemoteHelper.DemoPassword), "4f3c0a9e5b7d2c4e8a6f0b1d2c3e4f50", default);

        Assert.Equal("4f3c0a9e5b7d2c4e8a6f0b1d2c3e4f50", receipt.SerialNumber);
        var sent = JsonNode.Parse(Assert.Single(_peers.Requests("/bank/ok/center/v1/certificates/revocations")).Body!)!;
        Assert.Equal("admin01", sent["loginId"]!.GetValue<string>());
        Assert.Equal("4f3c0a9e5b7d2c4e8a6f0b1d2c3e4f50", sent["serialNumber"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("G101e")]
    [InlineData("G208e")]
    [InlineData("G253e")]
    [InlineData("BZBE011008")]
    public async Task A_refused_revocation_is_the_centers_catalog_code(string code)
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, $"problem-{code}");
        using var current = TestPki.CustomerWithKey();

        var refused = await Assert.ThrowsAsync<CertPlatformException>(
            () => helper.Center.RevokeAsync(current, LoginPassword.Parse(RemoteHelper.DemoPassword), default));

        Assert.Equal(code, refused.Error.Code);
    }

    [Fact]
    public async Task A_revocation_answer_without_a_serial_number_is_G210e()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, "no-serial");

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.Center.RevokeAsAdministratorAsync(
            LoginId.Parse("admin01"), LoginPassword.Parse(RemoteHelper.DemoPassword), "ab", default));

        Assert.Equal("G210e", refused.Error.Code);
    }
}
