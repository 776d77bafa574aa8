using System.Security.Cryptography.X509Certificates;
using CertPlatform.Infrastructure.Revocation;
using CertPlatform.Infrastructure.Tests.Fixtures;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CertPlatform.Infrastructure.Tests.Revocation;

/// <summary>
/// Revocation status from a CRL served by WireMock on loopback: listed certificates are revoked, the list is cached, and
/// a CA that cannot be reached, or a list not signed by the CA, never breaks the caller.
/// </summary>
public sealed class CrlRevocationStatusTests : IDisposable
{
    private const string CrlPath = "/crl/bank.crl";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RevocationPki _ca;
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly CapturedLog _log = new();
    private readonly RevocationOptions _options = new() { CrlCacheMinutes = 15, RetryAfterFailureSeconds = 60, FetchTimeoutSeconds = 5 };

    public CrlRevocationStatusTests() => _ca = new RevocationPki("Test Bank CA", _time.GetUtcNow());

    private string CrlUrl => _server.Urls[0] + CrlPath;

    [Fact]
    public async Task A_certificate_on_the_crl_is_revoked_and_one_not_on_it_is_not()
    {
        using var revoked = _ca.Issue(CrlUrl);
        using var valid = _ca.Issue(CrlUrl);
        Serve(_ca.Crl([revoked]));

        var found = await Status().RevokedAmongAsync([revoked, valid], default);

        Assert.Equal([revoked.Thumbprint], found);
    }

    [Fact]
    public async Task The_crl_is_fetched_once_while_it_is_fresh_and_again_after()
    {
        using var certificate = _ca.Issue(CrlUrl);
        Serve(_ca.Crl([]));
        var status = Status();

        await status.RevokedAmongAsync([certificate], default);
        await status.RevokedAmongAsync([certificate], default);
        var whileFresh = _server.LogEntries.Count();
        Serve(_ca.Crl([certificate]));
        _time.Advance(TimeSpan.FromMinutes(16));
        var after = await status.RevokedAmongAsync([certificate], default);

        Assert.Equal(1, whileFresh);
        Assert.Contains(certificate.Thumbprint, after);
    }

    [Fact]
    public async Task A_ca_that_cannot_be_reached_leaves_the_certificate_not_known_to_be_revoked()
    {
        using var certificate = _ca.Issue($"http://127.0.0.1:{LoopbackPort.Free()}{CrlPath}");

        var found = await Status().RevokedAmongAsync([certificate], default);

        Assert.Empty(found);
        Assert.Contains("could not be used", _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_failed_fetch_the_last_good_list_still_answers()
    {
        using var certificate = _ca.Issue(CrlUrl);
        Serve(_ca.Crl([certificate]));
        var status = Status();
        await status.RevokedAmongAsync([certificate], default);
        _server.Reset();
        _server.Given(Request.Create().WithPath(CrlPath)).RespondWith(Response.Create().WithStatusCode(500));
        _time.Advance(TimeSpan.FromMinutes(16));

        var found = await status.RevokedAmongAsync([certificate], default);

        Assert.Contains(certificate.Thumbprint, found);
        Assert.Contains("HTTP 500", _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_fetch_is_not_tried_again_at_once()
    {
        using var certificate = _ca.Issue(CrlUrl);
        _server.Given(Request.Create().WithPath(CrlPath)).RespondWith(Response.Create().WithStatusCode(503));
        var status = Status();

        await status.RevokedAmongAsync([certificate], default);
        await status.RevokedAmongAsync([certificate], default);
        var soon = _server.LogEntries.Count();
        _time.Advance(TimeSpan.FromSeconds(61));
        await status.RevokedAmongAsync([certificate], default);

        Assert.Equal(1, soon);
        Assert.Equal(2, _server.LogEntries.Count());
    }

    [Fact]
    public async Task A_crl_signed_by_another_ca_is_not_believed()
    {
        using var certificate = _ca.Issue(CrlUrl);
        using var impostor = new RevocationPki("Test Bank CA", _time.GetUtcNow());
        Serve(impostor.Crl([certificate]));

        var found = await Status().RevokedAmongAsync([certificate], default);

        Assert.Empty(found);
        Assert.Contains("not signed by the issuing CA", _log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revocation_the_center_confirmed_counts_before_any_crl_shows_it()
    {
        using var certificate = _ca.Issue();
        var status = Status();

        status.Revoked(certificate.Thumbprint);

        Assert.Contains(certificate.Thumbprint, await status.RevokedAmongAsync([certificate], default));
    }

    [Fact]
    public async Task With_crl_checking_off_nothing_is_fetched()
    {
        using var certificate = _ca.Issue(CrlUrl);
        Serve(_ca.Crl([certificate]));
        _options.CheckCrl = false;

        Assert.Empty(await Status().RevokedAmongAsync([certificate], default));
        Assert.Empty(_server.LogEntries);
    }

    private CrlRevocationStatus Status() =>
        new(new PlainHttpClients(), _ca, Options.Create(_options), _time, new Microsoft.Extensions.Logging.Logger<CrlRevocationStatus>(new Microsoft.Extensions.Logging.LoggerFactory([_log])));

    private void Serve(byte[] crl)
    {
        _server.Reset();
        _server.Given(Request.Create().WithPath(CrlPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/pkix-crl").WithBody(crl));
    }

    public void Dispose()
    {
        _server.Stop();
        _ca.Dispose();
    }
}
