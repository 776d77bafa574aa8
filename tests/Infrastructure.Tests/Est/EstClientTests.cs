using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace CertPlatform.Infrastructure.Tests.Est;

[Collection(WireMockCollection.Name)]
public sealed class EstClientTests
{
    private static readonly EnrollmentTicket Ticket = new(TestPki.TicketUsername, TestPki.TicketPassword, DateTimeOffset.UtcNow.AddMinutes(5));

    private readonly WireMockPeers _peers;

    public EstClientTests(WireMockPeers peers)
    {
        _peers = peers;
        _peers.Reset();
    }

    [Fact]
    public async Task Ca_certificates_come_from_the_pkcs7_certs_only_answer()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);

        var certificates = await helper.Ca.GetCaCertificatesAsync(default);

        Assert.Equal(
            ["CN=CertPlatform Test Issuing CA, O=(2235)CERTPLATFORM TEST BANK", "CN=CertPlatform Test Root, O=(2235)CERTPLATFORM TEST BANK"],
            certificates.Select(c => c.Subject).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Enrollment_sends_base64_pkcs10_with_the_ticket_as_basic_credentials()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);
        var request = CustomerRequest();

        await helper.Ca.EnrollAsync(request, Ticket, default);

        var sent = Assert.Single(_peers.Requests("/.well-known/est/simpleenroll"));
        Assert.StartsWith("application/pkcs10", sent.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
        Assert.False(sent.Headers.ContainsKey("Content-Transfer-Encoding"), "RFC 8951: HTTP has no Content-Transfer-Encoding");
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestPki.TicketUsername}:{TestPki.TicketPassword}")), sent.Headers["Authorization"].Single());
        Assert.Equal(request, Convert.FromBase64String(sent.Body!));
    }

    [Fact]
    public async Task Enrollment_returns_the_certificate_for_the_requested_key()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);
        using var expected = TestPki.Certificate("customer");

        using var issued = await helper.Ca.EnrollAsync(CustomerRequest(), Ticket, default);

        Assert.Equal(expected.Thumbprint, issued.Thumbprint);
        Assert.False(issued.HasPrivateKey);
    }

    [Fact]
    public async Task Certificate_for_the_requested_key_is_picked_out_of_a_chain()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, label: "with-chain");
        using var expected = TestPki.Certificate("customer");

        using var issued = await helper.Ca.EnrollAsync(CustomerRequest(), Ticket, default);

        Assert.Equal(expected.Thumbprint, issued.Thumbprint);
    }

    [Fact]
    public async Task Ca_label_is_the_path_segment_before_the_operation()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, label: "customers");

        using var issued = await helper.Ca.EnrollAsync(CustomerRequest(), Ticket, default);

        Assert.Single(_peers.Requests("/.well-known/est/customers/simpleenroll"));
    }

    [Fact]
    public async Task Wrong_ticket_is_G205e()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);
        var wrong = new EnrollmentTicket(TestPki.TicketUsername, "not-the-ticket", DateTimeOffset.UtcNow.AddMinutes(5));

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.Ca.EnrollAsync(CustomerRequest(), wrong, default));

        Assert.Equal(ErrorCatalog.G205e.Code, refused.Error.Code);
    }

    [Fact]
    public async Task Reenrollment_presents_the_current_certificate_as_tls_client_certificate()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);
        using var current = TestPki.CustomerWithKey();

        using var issued = await helper.Ca.ReenrollAsync(CustomerRequest(), Ticket, current, default);

        var sent = Assert.Single(_peers.Requests("/.well-known/est/simplereenroll"));
        Assert.Equal(current.Thumbprint, sent.ClientCertificate?.Thumbprint);
    }

    [Fact]
    public async Task Reenrollment_for_a_revoked_certificate_is_G208e()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, label: "revoked");
        using var current = TestPki.CustomerWithKey();

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.Ca.ReenrollAsync(CustomerRequest(), Ticket, current, default));

        Assert.Equal(ErrorCatalog.G208e.Code, refused.Error.Code);
    }

    [Fact]
    public async Task Pending_enrollment_is_asked_again_after_retry_after()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var helper = RemoteHelper.For(_peers.HttpsUrl, label: "pending-then-issued", time: time);
        using var expected = TestPki.Certificate("customer");

        using var issued = await time.DriveAsync(() => helper.Ca.EnrollAsync(CustomerRequest(), Ticket, default));

        Assert.Equal(expected.Thumbprint, issued.Thumbprint);
        Assert.Equal(2, _peers.Requests("/.well-known/est/pending-then-issued/").Count);
    }

    [Fact]
    public async Task Enrollment_still_pending_after_the_wait_is_G008e()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var helper = RemoteHelper.For(_peers.HttpsUrl, label: "pending", time: time);

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => time.DriveAsync(() => helper.Ca.EnrollAsync(CustomerRequest(), Ticket, default)));

        Assert.Equal(ErrorCatalog.G008e.Code, refused.Error.Code);
        Assert.Equal(TimeSpan.FromSeconds(10), refused.RetryAfter);
        Assert.True(_peers.Requests("/.well-known/est/pending/").Count > 1);
    }

    [Fact]
    public async Task Pending_longer_than_the_helper_waits_is_G008e_at_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var helper = RemoteHelper.For(_peers.HttpsUrl, label: "pending-long", time: time);

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.Ca.EnrollAsync(CustomerRequest(), Ticket, default));

        Assert.Equal(TimeSpan.FromHours(1), refused.RetryAfter);
        Assert.Single(_peers.Requests("/.well-known/est/pending-long/"));
    }

    [Fact]
    public async Task Ca_certificates_are_fetched_again_after_a_broken_connection()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var helper = RemoteHelper.For(_peers.HttpsUrl, label: "flaky", time: time);

        var certificates = await time.DriveAsync(() => helper.Ca.GetCaCertificatesAsync(default));

        Assert.Equal(2, certificates.Count);
        Assert.Equal(2, _peers.Requests("/.well-known/est/flaky/").Count);
    }

    [Theory]
    [InlineData("down")]
    [InlineData("gateway")]
    public async Task Ca_certificates_are_tried_three_times_then_G005e(string label)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var helper = RemoteHelper.For(_peers.HttpsUrl, label: label, time: time);

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => time.DriveAsync(() => helper.Ca.GetCaCertificatesAsync(default)));

        Assert.Equal(ErrorCatalog.G005e.Code, refused.Error.Code);
        Assert.Equal(3, _peers.Requests($"/.well-known/est/{label}/").Count);
    }

    [Fact]
    public async Task Enrollment_is_not_repeated_after_a_failure()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, label: "error");

        await Assert.ThrowsAsync<CertPlatformException>(() => helper.Ca.EnrollAsync(CustomerRequest(), Ticket, default));

        Assert.Single(_peers.Requests("/.well-known/est/error/"));
    }

    [Fact]
    public async Task Ca_certificates_answer_without_a_certificate_is_G206e()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, label: "no-certificate");

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.Ca.GetCaCertificatesAsync(default));

        Assert.Equal(ErrorCatalog.G206e.Code, refused.Error.Code);
    }

    private static byte[] CustomerRequest()
    {
        using var key = new GeneratedKey(KeyAlgorithm.Rsa2048, TestPki.CustomerKey());
        return CertificationRequest.Create(TestPki.Subject, key);
    }
}
