using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Center;
using CertPlatform.Infrastructure.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Est;

/// <summary>
/// The bank's CA over EST (RFC 7030): <c>cacerts</c>, <c>simpleenroll</c> with the center's one-time ticket as HTTP
/// Basic credentials, <c>simplereenroll</c> the same over a TLS connection authenticated with the current certificate.
/// A pending answer (202 + Retry-After) is polled within <c>Ca:MaxPendingWaitSeconds</c>. Of what the CA returns,
/// only the certificate for the requested key comes back; an answer that cannot be read is G206e and one without
/// that certificate is G204e, so nothing reaches the store.
/// </summary>
public sealed class EstClient(
    HttpClient http, PeerHandlerFactory handlers, IOptions<EstOptions> options, TimeProvider time, ILogger<EstClient> logger)
    : ICertificateAuthority
{
    public const string Pkcs7Mime = "application/pkcs7-mime";
    public const string Pkcs10 = "application/pkcs10";

    /// <summary>Waited when a 202 comes without Retry-After (RFC 7030 requires one; some servers forget).</summary>
    private static readonly TimeSpan DefaultPendingWait = TimeSpan.FromSeconds(10);

    /// <summary>cacerts is a GET and safe to repeat: a connection that broke is tried again, a few times, soon.</summary>
    private static readonly TimeSpan[] CaCertificatesRetryDelays = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

    private static readonly EventId AnswerRefused = new(2120, "CaAnswerRefused");

    /// <summary>The CA codes an EST server may put in a problem body: its verdicts on the ticket, the request and the current certificate.</summary>
    private static readonly CatalogError[] CaProblemCodes =
        [ErrorCatalog.G109e, ErrorCatalog.G202e, ErrorCatalog.G205e, ErrorCatalog.G206e, ErrorCatalog.G208e, ErrorCatalog.BZBE011008];

    public async Task<IReadOnlyList<X509Certificate2>> GetCaCertificatesAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var canRetry = attempt < CaCertificatesRetryDelays.Length;
            using var request = new HttpRequestMessage(HttpMethod.Get, "cacerts");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(Pkcs7Mime));
            HttpResponseMessage response;
            try
            {
                response = await PeerFailures.SendAsync(http, request, logger, cancellationToken);
            }
            catch (CertPlatformException ex) when (canRetry && IsBrokenConnection(ex.InnerException))
            {
                await RetryLaterAsync(attempt, "the connection broke", cancellationToken);
                continue;
            }

            using (response)
            {
                if (canRetry && response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
                {
                    await RetryLaterAsync(attempt, $"a gateway answered {(int)response.StatusCode}", cancellationToken);
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw await RefusalAsync(response, "cacerts", cancellationToken);
                }

                var certificates = await ReadCertificatesAsync(response, "cacerts", cancellationToken);
                if (certificates.Length == 0)
                {
                    throw Refused("cacerts", "the answer holds no certificate", ErrorCatalog.G206e);
                }

                return certificates;
            }
        }
    }

    public Task<X509Certificate2> EnrollAsync(byte[] certificationRequest, EnrollmentTicket ticket, CancellationToken cancellationToken) =>
        EnrollWithAsync(http, "simpleenroll", certificationRequest, ticket, cancellationToken);

    public async Task<X509Certificate2> ReenrollAsync(
        byte[] certificationRequest, EnrollmentTicket ticket, X509Certificate2 current, CancellationToken cancellationToken)
    {
        if (!current.HasPrivateKey)
        {
            logger.LogWarning("Certificate {Thumbprint} has no usable private key for re-enrollment", current.Thumbprint);
            throw new CertPlatformException(ErrorCatalog.BZBE011008);
        }

        using var client = handlers.CreateClientAuthenticatedAs(http, current);
        return await EnrollWithAsync(client, "simplereenroll", certificationRequest, ticket, cancellationToken);
    }

    private async Task<X509Certificate2> EnrollWithAsync(
        HttpClient client, string operation, byte[] certificationRequest, EnrollmentTicket ticket, CancellationToken cancellationToken)
    {
        var requestedKey = PublicKeyOf(certificationRequest);
        // RFC 8951: plain base64 and no Content-Transfer-Encoding header; servers read this form whatever they accept besides.
        var body = Encoding.ASCII.GetBytes(Convert.ToBase64String(certificationRequest));
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ticket.Username}:{ticket.Reveal()}"));
        DateTimeOffset? giveUpAt = null;

        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, operation) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(Pkcs10);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(Pkcs7Mime));

            using var response = await PeerFailures.SendAsync(client, request, logger, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return Pick(await ReadCertificatesAsync(response, operation, cancellationToken), requestedKey, operation);
            }

            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw await RefusalAsync(response, operation, cancellationToken);
            }

            // Pending (RFC 7030 4.2.3): the same request again after Retry-After, as long as the user can be kept waiting.
            var now = time.GetUtcNow();
            var wait = PeerFailures.RetryAfter(response, now) ?? DefaultPendingWait;
            giveUpAt ??= now.AddSeconds(options.Value.MaxPendingWaitSeconds);
            if (now + wait > giveUpAt)
            {
                logger.LogWarning("{Operation} is still pending at the CA; the user is asked to come back in {RetryAfterSeconds} s", operation, wait.TotalSeconds);
                throw new CertPlatformException(ErrorCatalog.G008e, retryAfter: wait);
            }

            logger.LogInformation("{Operation} is pending at the CA; asking again in {RetryAfterSeconds} s", operation, wait.TotalSeconds);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private async Task<X509Certificate2[]> ReadCertificatesAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var media = response.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(media, Pkcs7Mime, StringComparison.OrdinalIgnoreCase))
        {
            // An HTML page from a captive portal or a filtering proxy, typically.
            throw Refused(operation, $"the answer is {media ?? "without content type"}, not {Pkcs7Mime}", ErrorCatalog.G206e);
        }

        // Chunked or with a length, with or without Content-Transfer-Encoding (ignored), line breaks or none, DER.
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return CertsOnly.Read(body);
        }
        catch (FormatException)
        {
            throw Refused(operation, "the answer is neither base64 nor DER", ErrorCatalog.G206e);
        }
        catch (CryptographicException)
        {
            throw Refused(operation, "the answer is not a PKCS#7 certs-only message", ErrorCatalog.G206e);
        }
    }

    private X509Certificate2 Pick(X509Certificate2[] returned, byte[] requestedKey, string operation)
    {
        var match = Array.Find(returned, c => c.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(requestedKey));
        foreach (var other in returned.Where(c => !ReferenceEquals(c, match)))
        {
            other.Dispose();
        }

        if (match is null)
        {
            throw Refused(
                operation,
                returned.Length == 0 ? "the answer holds no certificate" : $"none of the {returned.Length} certificates is for the requested key",
                returned.Length == 0 ? ErrorCatalog.G206e : ErrorCatalog.G204e);
        }

        return match;
    }

    private async Task<CertPlatformException> RefusalAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        PeerFailures.ThrowIfProxyOrBusy(response, time.GetUtcNow(), logger);
        if (await ProblemCodeAsync(response, cancellationToken) is { } code)
        {
            return Refused(operation, $"the CA answered {status} with {code.Code}", code);
        }

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => Refused(operation, "the CA refused the ticket (401)", ErrorCatalog.G205e),
            _ when status >= 500 => Refused(operation, $"the CA failed ({status})", ErrorCatalog.G005e),
            _ => Refused(operation, $"the CA answered {status}", ErrorCatalog.G206e),
        };
    }

    private static async Task<CatalogError?> ProblemCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not "application/problem+json")
        {
            return null;
        }

        try
        {
            var problem = await response.Content.ReadFromJsonAsync(CenterContract.Json.Contract<CenterContract.Problem>(), cancellationToken);
            return Array.Find(CaProblemCodes, e => e.Code == problem?.Code);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task RetryLaterAsync(int attempt, string reason, CancellationToken cancellationToken)
    {
        var delay = CaCertificatesRetryDelays[attempt];
        logger.LogInformation("cacerts failed ({Reason}); trying again in {DelayMs} ms", reason, delay.TotalMilliseconds);
        await Task.Delay(delay, time, cancellationToken);
    }

    /// <summary>Refused, reset or closed before an answer: worth another try for a GET. A timeout is not (it would triple the wait).</summary>
    private static bool IsBrokenConnection(Exception? exception) => exception is HttpRequestException
    {
        HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded
    } or HttpRequestException { HttpRequestError: HttpRequestError.Unknown, InnerException: IOException };

    private static byte[] PublicKeyOf(byte[] certificationRequest) =>
        CertificateRequest.LoadSigningRequest(
                certificationRequest, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.SkipSignatureValidation, RSASignaturePadding.Pkcs1)
            .PublicKey.ExportSubjectPublicKeyInfo();

    private CertPlatformException Refused(string operation, string reason, CatalogError error)
    {
        logger.LogWarning(AnswerRefused, "CA {Operation} refused: {Reason} ({Code})", operation, reason, error.Code);
        return new CertPlatformException(error);
    }
}
