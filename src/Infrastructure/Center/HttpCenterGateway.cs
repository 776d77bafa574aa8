using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Network;
using Microsoft.Extensions.Logging;
using static CertPlatform.Infrastructure.Center.CenterContract;

namespace CertPlatform.Infrastructure.Center;

/// <summary>
/// The bank's center over HTTPS (center protocol v1, docs/center-protocol.md). The renewal's first call presents
/// the current certificate as TLS client certificate, on a connection of its own. The center's problem codes
/// become the same catalog errors the sandbox throws; an answer that does not follow the protocol is G210e.
/// </summary>
public sealed class HttpCenterGateway(HttpClient http, PeerHandlerFactory handlers, TimeProvider time, ILogger<HttpCenterGateway> logger)
    : ICenterGateway
{
    private const int MaxRenewalIdLength = 128;

    public async Task<IssuanceAuthorization> AuthorizeIssuanceAsync(LoginId loginId, LoginPassword password, CancellationToken cancellationToken)
    {
        var answer = await PostAsync<IssuanceResponse>(
            http, IssuancePath, new IssuanceRequest { LoginId = loginId.Value, Password = password.Reveal() }, cancellationToken);
        return new IssuanceAuthorization(
            ReadTicket(answer.Ticket) ?? throw Unreadable("the issuance answer has no valid ticket"),
            ReadSubject(answer.Subject) ?? throw Unreadable("the issuance answer has no valid subject"));
    }

    public async Task<CenterRenewalStep> BeginRenewalAsync(X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken)
    {
        if (!current.HasPrivateKey)
        {
            // Without its key the certificate cannot authenticate the TLS connection the center requires.
            logger.LogWarning("Certificate {Thumbprint} has no usable private key for the renewal", current.Thumbprint);
            throw new CertPlatformException(ErrorCatalog.BZBE011008);
        }

        using var client = handlers.CreateClientAuthenticatedAs(http, current);
        var answer = await PostAsync<RenewalResponse>(client, RenewalsPath, new RenewalRequest { Password = password.Reveal() }, cancellationToken);
        if (!IsValidRenewalId(answer.RenewalId))
        {
            throw Unreadable("the renewal answer has no valid renewalId");
        }

        return ReadStep(answer.RenewalId!, answer, CenterRenewalNext.Otp, CenterRenewalNext.Ticket);
    }

    public async Task<CenterRenewalStep> VerifyOtpAsync(string renewalId, OneTimePassword otp, CancellationToken cancellationToken)
    {
        EnsureRenewalId(renewalId);
        var answer = await PostAsync<RenewalResponse>(http, OtpPath(renewalId), new OtpRequest { Otp = otp.Reveal() }, cancellationToken);
        return ReadStep(renewalId, answer, CenterRenewalNext.TimeSync, CenterRenewalNext.Ticket);
    }

    public async Task<CenterRenewalStep> VerifyTimeSyncAsync(string renewalId, TimeSyncPair pair, CancellationToken cancellationToken)
    {
        EnsureRenewalId(renewalId);
        var answer = await PostAsync<RenewalResponse>(
            http, TimeSyncPath(renewalId), new TimeSyncRequest { Current = pair.Current.Reveal(), Next = pair.Next.Reveal() }, cancellationToken);
        return ReadStep(renewalId, answer, CenterRenewalNext.Ticket);
    }

    /// <summary>
    /// The center's clock: the <c>time</c> of <c>GET center/v1/time</c>, to the millisecond, or, from a center that
    /// answers that path without a body, its HTTP <c>Date</c> header (to the second, enough to see a wrong PC clock).
    /// </summary>
    public async Task<DateTimeOffset> GetTimeAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, TimePath);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await PeerFailures.SendAsync(http, request, logger, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await RefusalAsync(response, TimePath, cancellationToken);
        }

        if (IsJson(response.Content.Headers.ContentType))
        {
            try
            {
                if ((await response.Content.ReadFromJsonAsync(Json.Contract<TimeResponse>(), cancellationToken))?.Time is { } time)
                {
                    return time;
                }
            }
            catch (JsonException)
            {
                throw Unreadable($"{TimePath} answered JSON that does not parse");
            }
        }

        return response.Headers.Date ?? throw Unreadable($"{TimePath} answered neither a time nor a Date header");
    }

    public async Task<CenterRevocation> RevokeAsync(X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken)
    {
        if (!current.HasPrivateKey)
        {
            logger.LogWarning("Certificate {Thumbprint} has no usable private key for the revocation", current.Thumbprint);
            throw new CertPlatformException(ErrorCatalog.BZBE011008);
        }

        // As the renewal's first step: the certificate is the TLS client certificate, on a connection of its own.
        using var client = handlers.CreateClientAuthenticatedAs(http, current);
        var answer = await PostAsync<RevocationResponse>(client, RevocationsPath, new RevocationRequest { Password = password.Reveal() }, cancellationToken);
        return ReadRevocation(answer);
    }

    public async Task<CenterRevocation> RevokeAsAdministratorAsync(
        LoginId administrator, LoginPassword password, string serialNumber, CancellationToken cancellationToken)
    {
        var answer = await PostAsync<RevocationResponse>(
            http,
            RevocationsPath,
            new RevocationRequest { LoginId = administrator.Value, Password = password.Reveal(), SerialNumber = serialNumber },
            cancellationToken);
        return ReadRevocation(answer);
    }

    private CenterRevocation ReadRevocation(RevocationResponse answer)
    {
        if (answer is not { SerialNumber: { Length: >= 1 and <= 40 } serial, RevokedAt: { } revokedAt } || !serial.All(char.IsAsciiHexDigit))
        {
            throw Unreadable("the revocation answer has no valid serialNumber or revokedAt");
        }

        var thumbprint = answer.Thumbprint is { Length: 40 } t && t.All(char.IsAsciiHexDigit) ? t.ToUpperInvariant() : null;
        return new CenterRevocation(serial.ToLowerInvariant(), thumbprint, revokedAt);
    }

    private async Task<T> PostAsync<T>(HttpClient client, string path, object body, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = JsonContent.Create(body, Json.GetTypeInfo(body.GetType())),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));

        using var response = await PeerFailures.SendAsync(client, request, logger, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await RefusalAsync(response, path, cancellationToken);
        }

        if (!IsJson(response.Content.Headers.ContentType))
        {
            throw Unreadable($"{path} answered {response.Content.Headers.ContentType?.MediaType ?? "no content type"} instead of JSON");
        }

        try
        {
            return await response.Content.ReadFromJsonAsync(Json.Contract<T>(), cancellationToken) ?? throw Unreadable($"{path} answered null");
        }
        catch (JsonException)
        {
            throw Unreadable($"{path} answered JSON that does not parse");
        }
    }

    private async Task<CertPlatformException> RefusalAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var now = time.GetUtcNow();
        if (response.StatusCode == HttpStatusCode.ProxyAuthenticationRequired)
        {
            PeerFailures.ThrowIfProxyOrBusy(response, now, logger);
        }

        var problem = await ReadProblemAsync(response, cancellationToken);
        if (CenterProblemCodes.Find(problem?.Code) is { } error)
        {
            logger.LogInformation("Center refused {Path} with {Status} {Code}", path, status, error.Code);
            return new CertPlatformException(error, retryAfter: PeerFailures.RetryAfter(response, now));
        }

        PeerFailures.ThrowIfProxyOrBusy(response, now, logger);
        if (status >= 500)
        {
            logger.LogWarning("Center failed {Path} with {Status}", path, status);
            return new CertPlatformException(ErrorCatalog.G005e);
        }

        return Unreadable(problem?.Code is { } unknown
            ? $"{path} answered {status} with code {unknown}, which a center may not send"
            : $"{path} answered {status} without a catalog code");
    }

    private static async Task<Problem?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!IsJson(response.Content.Headers.ContentType))
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync(Json.Contract<Problem>(), cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private CenterRenewalStep ReadStep(string renewalId, RenewalResponse answer, params CenterRenewalNext[] allowed)
    {
        CenterRenewalNext? next = answer.Next switch
        {
            CenterContract.Next.Otp => CenterRenewalNext.Otp,
            CenterContract.Next.TimeSync => CenterRenewalNext.TimeSync,
            CenterContract.Next.Ticket => CenterRenewalNext.Ticket,
            _ => null,
        };
        if (next is not { } step || !allowed.Contains(step))
        {
            throw Unreadable($"the renewal answer's next step '{answer.Next}' is not one of {string.Join(", ", allowed)}");
        }

        if (step != CenterRenewalNext.Ticket)
        {
            return new CenterRenewalStep(renewalId, step);
        }

        return new CenterRenewalStep(
            renewalId,
            step,
            ReadTicket(answer.Ticket) ?? throw Unreadable("the renewal answer has no valid ticket"),
            ReadSubject(answer.Subject) ?? throw Unreadable("the renewal answer has no valid subject"));
    }

    /// <summary>The ticket becomes HTTP Basic credentials (RFC 7617): no colon in the user name, no control characters.</summary>
    private static EnrollmentTicket? ReadTicket(TicketBody? ticket) =>
        ticket is { Username.Length: > 0, Password.Length: > 0, ExpiresAt: { } expiresAt }
        && !ticket.Username.Contains(':', StringComparison.Ordinal)
        && !ticket.Username.Any(char.IsControl) && !ticket.Password.Any(char.IsControl)
            ? new EnrollmentTicket(ticket.Username, ticket.Password, expiresAt)
            : null;

    private static CertificateSubject? ReadSubject(SubjectBody? subject) =>
        subject is { Organization.Length: > 0, OrganizationalUnit.Length: > 0, CommonName.Length: > 0 }
            ? new CertificateSubject(subject.Organization, subject.OrganizationalUnit, subject.CommonName)
            : null;

    private static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } media
        && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The id goes into a URL path: an opaque token of URL-safe characters, as the protocol says.</summary>
    private static bool IsValidRenewalId(string? id) =>
        id is { Length: > 0 and <= MaxRenewalIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~');

    private void EnsureRenewalId(string renewalId)
    {
        if (!IsValidRenewalId(renewalId))
        {
            // Only ids the center gave come here; anything else is the renewal having been lost.
            logger.LogWarning("Renewal id of unexpected form refused before sending");
            throw new CertPlatformException(ErrorCatalog.G106e);
        }
    }

    private CertPlatformException Unreadable(string reason)
    {
        logger.LogWarning(new EventId(2110, "CenterAnswerUnreadable"), "Center answer refused: {Reason}", reason);
        return new CertPlatformException(ErrorCatalog.G210e);
    }
}
