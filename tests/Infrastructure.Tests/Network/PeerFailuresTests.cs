using System.Net;
using CertPlatform.Infrastructure.Network;
using Microsoft.Extensions.Logging.Abstractions;

namespace CertPlatform.Infrastructure.Tests.Network;

public sealed class PeerFailuresTests
{
    private static readonly Uri Ca = new("https://ca.bank.example/.well-known/est/");

    [Theory]
    [InlineData(HttpRequestError.NameResolutionError, null, "G005e")]
    [InlineData(HttpRequestError.ConnectionError, null, "G005e")]
    [InlineData(HttpRequestError.SecureConnectionError, null, "G207e")]
    [InlineData(HttpRequestError.ProxyTunnelError, HttpStatusCode.ProxyAuthenticationRequired, "G009e")]
    [InlineData(HttpRequestError.ProxyTunnelError, HttpStatusCode.BadGateway, "G005e")]
    [InlineData(HttpRequestError.UserAuthenticationError, null, "G009e")]
    [InlineData(HttpRequestError.ResponseEnded, null, "G005e")]
    [InlineData(HttpRequestError.InvalidResponse, null, "G005e")]
    public void Transport_failure_becomes_its_catalog_code(HttpRequestError kind, HttpStatusCode? status, string code)
    {
        var failure = PeerFailures.Translate(new HttpRequestException(kind, "failed", null, status), Ca, NullLogger.Instance);

        Assert.Equal(code, failure.Error.Code);
    }

    [Theory]
    [InlineData(HttpRequestError.NameResolutionError)]
    [InlineData(HttpRequestError.ConnectionError)]
    [InlineData(HttpRequestError.ProxyTunnelError)]
    public void Unreachable_ca_remedy_names_the_ca_url(HttpRequestError kind)
    {
        var failure = PeerFailures.Translate(new HttpRequestException(kind, "failed"), Ca, NullLogger.Instance);

        Assert.Contains("https://ca.bank.example", failure.Error.Remedy.Ja, StringComparison.Ordinal);
        Assert.DoesNotContain(".well-known", failure.Error.Remedy.En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData("0", 0)]
    [InlineData("999999", 86400)]
    public void Retry_after_in_seconds_is_kept_within_a_day(string header, int seconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", header);

        Assert.Equal(TimeSpan.FromSeconds(seconds), PeerFailures.RetryAfter(response, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Retry_after_as_a_date_is_counted_from_now()
    {
        var now = new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", "Wed, 01 Apr 2026 09:05:00 GMT");

        Assert.Equal(TimeSpan.FromMinutes(5), PeerFailures.RetryAfter(response, now));
    }

    [Fact]
    public void No_retry_after_is_none()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Null(PeerFailures.RetryAfter(response, DateTimeOffset.UtcNow));
    }
}
