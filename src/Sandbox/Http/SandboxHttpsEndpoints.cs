using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure;
using CertPlatform.Infrastructure.Center;
using CertPlatform.Infrastructure.Est;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static CertPlatform.Infrastructure.Center.CenterContract;

namespace CertPlatform.Sandbox.Http;

/// <summary>
/// Everything the sandbox's HTTPS server answers, in one place: the center protocol v1 (docs/center-protocol.md)
/// and EST (RFC 7030) and the CA's CRL, backed by the same sandbox objects as the embedded mode. Failures are the catalog's codes
/// as problem+json, as a bank's center sends them. The bank's own pages (BLGI001…) are mapped here as well.
/// </summary>
internal static class SandboxHttpsEndpoints
{
    public const string EstRealm = "Basic realm=\"CertPlatform sandbox EST\"";

    /// <summary>The helper's sandbox objects the endpoints use: the very instances of the embedded mode, not copies.</summary>
    public static void AddServices(IServiceCollection server, IServiceProvider helper)
    {
        server.AddSingleton(helper.GetRequiredService<SandboxCenter>());
        server.AddSingleton(helper.GetRequiredService<SandboxCertificateAuthority>());
        server.AddSingleton(helper.GetRequiredService<SandboxCaKeys>());
        server.AddSingleton(helper.GetRequiredService<SandboxCrl>());
        server.AddSingleton(helper.GetRequiredService<TimeProvider>());
        Bank.SandboxBankEndpoints.AddServices(server, helper);
    }

    public static void Configure(WebApplication app)
    {
        app.UseWhen(IsProtocol, protocol => protocol.Use(WithContentLengthAsync));
        app.Use(CatalogProblemsAsync);
        MapCenterV1(app.MapGroup("/center/v1"));
        MapEst(app.MapGroup("/.well-known/est"));
        app.MapGet(SandboxCrl.HttpsPath, (SandboxCrl crl) => Results.Bytes(crl.Current(), SandboxCrl.ContentType));
        Bank.SandboxBankEndpoints.Map(app);
    }

    // --- Center protocol v1 --------------------------------------------------------------------------------

    private static void MapCenterV1(RouteGroupBuilder center)
    {
        center.MapPost("/issuance", IssuanceAsync);
        center.MapPost("/renewals", BeginRenewalAsync);
        center.MapPost("/renewals/{renewalId}/otp", OtpAsync);
        center.MapPost("/renewals/{renewalId}/time-sync", TimeSyncAsync);
        center.MapGet("/time", TimeAsync);
        center.MapPost("/certificates/revocations", RevocationAsync);
    }

    private static Task TimeAsync(HttpContext context, SandboxCenter center, TimeProvider time) =>
        WriteJsonAsync(context, new TimeResponse { Time = time.GetUtcNow() });

    /// <summary>
    /// A user revokes their own certificate (the TLS client certificate, with the password), or, with a login ID, an
    /// administrator user revokes a certificate named by its serial number.
    /// </summary>
    private static async Task RevocationAsync(HttpContext context, SandboxCenter center, SandboxCaKeys keys)
    {
        var body = await ReadJsonAsync<RevocationRequest>(context);
        var password = LoginPassword.IsValid(body.Password) ? LoginPassword.Parse(body.Password) : throw new CertPlatformException(ErrorCatalog.G006e);
        CenterRevocation receipt;
        if (body.LoginId is not null)
        {
            if (!LoginId.IsValid(body.LoginId) || body.SerialNumber is not { Length: >= 1 and <= 40 } serial || !serial.All(char.IsAsciiHexDigit))
            {
                throw new CertPlatformException(ErrorCatalog.G006e);
            }

            receipt = center.RevokeAsAdministrator(LoginId.Parse(body.LoginId), password, serial);
        }
        else
        {
            using var current = await VerifiedClientCertificateAsync(context, keys);
            receipt = center.RevokeVerifiedCertificate(current, password);
        }

        await WriteJsonAsync(context, new RevocationResponse { SerialNumber = receipt.SerialNumber, Thumbprint = receipt.Thumbprint, RevokedAt = receipt.RevokedAt });
    }

    private static async Task IssuanceAsync(HttpContext context, SandboxCenter center)
    {
        var body = await ReadJsonAsync<IssuanceRequest>(context);
        if (!LoginId.IsValid(body.LoginId) || !LoginPassword.IsValid(body.Password))
        {
            throw new CertPlatformException(ErrorCatalog.G006e);
        }

        var authorization = await center.AuthorizeIssuanceAsync(LoginId.Parse(body.LoginId), LoginPassword.Parse(body.Password), context.RequestAborted);
        await WriteJsonAsync(context, new IssuanceResponse { Ticket = TicketOf(authorization.Ticket), Subject = SubjectOf(authorization.Subject) });
    }

    private static async Task BeginRenewalAsync(HttpContext context, SandboxCenter center, SandboxCaKeys keys)
    {
        using var current = await VerifiedClientCertificateAsync(context, keys);
        var body = await ReadJsonAsync<RenewalRequest>(context);
        var password = LoginPassword.IsValid(body.Password) ? LoginPassword.Parse(body.Password) : throw new CertPlatformException(ErrorCatalog.G006e);
        await WriteStepAsync(context, center.BeginRenewalForVerifiedCertificate(current, password));
    }

    private static async Task OtpAsync(HttpContext context, string renewalId, SandboxCenter center)
    {
        var body = await ReadJsonAsync<OtpRequest>(context);
        var otp = OneTimePassword.IsValid(body.Otp) ? OneTimePassword.Parse(body.Otp) : throw new CertPlatformException(ErrorCatalog.G006e);
        await WriteStepAsync(context, await center.VerifyOtpAsync(renewalId, otp, context.RequestAborted));
    }

    private static async Task TimeSyncAsync(HttpContext context, string renewalId, SandboxCenter center)
    {
        var body = await ReadJsonAsync<TimeSyncRequest>(context);
        if (!OneTimePassword.IsValid(body.Current) || !OneTimePassword.IsValid(body.Next))
        {
            throw new CertPlatformException(ErrorCatalog.G006e);
        }

        var pair = new TimeSyncPair(OneTimePassword.Parse(body.Current), OneTimePassword.Parse(body.Next));
        await WriteStepAsync(context, await center.VerifyTimeSyncAsync(renewalId, pair, context.RequestAborted));
    }

    // --- EST (RFC 7030) ------------------------------------------------------------------------------------

    private static void MapEst(RouteGroupBuilder est)
    {
        // One CA behind every label: RFC 7030 3.2.2 leaves it to the server what a label selects.
        est.MapGet("/cacerts", CaCertificatesAsync);
        est.MapGet("/{label}/cacerts", CaCertificatesAsync);
        est.MapPost("/simpleenroll", EnrollAsync);
        est.MapPost("/{label}/simpleenroll", EnrollAsync);
        est.MapPost("/simplereenroll", ReenrollAsync);
        est.MapPost("/{label}/simplereenroll", ReenrollAsync);
    }

    private static async Task CaCertificatesAsync(HttpContext context, SandboxCertificateAuthority ca) =>
        await WriteCertsOnlyAsync(context, await ca.GetCaCertificatesAsync(context.RequestAborted));

    private static async Task EnrollAsync(HttpContext context, SandboxCertificateAuthority ca)
    {
        var ticket = TicketFromBasicAuthorization(context.Request);
        var request = await ReadPkcs10Async(context);
        using var issued = await ca.EnrollAsync(request, ticket, context.RequestAborted);
        await WriteCertsOnlyAsync(context, [issued]);
    }

    private static async Task ReenrollAsync(HttpContext context, SandboxCertificateAuthority ca, SandboxCaKeys keys)
    {
        using var current = await VerifiedClientCertificateAsync(context, keys);
        var ticket = TicketFromBasicAuthorization(context.Request);
        var request = await ReadPkcs10Async(context);
        using var issued = ca.ReenrollVerified(request, ticket, current);
        await WriteCertsOnlyAsync(context, [issued]);
    }

    /// <summary>
    /// The TLS client certificate, whose key the handshake proved the client holds, when it chains to the sandbox
    /// root. Its dates are not judged here: an expired certificate is the renewal's to refuse, with G202e.
    /// </summary>
    private static async Task<X509Certificate2> VerifiedClientCertificateAsync(HttpContext context, SandboxCaKeys keys)
    {
        var presented = await context.Connection.GetClientCertificateAsync(context.RequestAborted);
        if (presented is null)
        {
            throw new CertPlatformException(ErrorCatalog.G109e);
        }

        using var root = keys.PublicCertificate;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (!chain.Build(presented))
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SandboxHttpsEndpoints))
                .LogWarning("Sandbox HTTPS: client certificate {Thumbprint} ({Subject}) does not chain to the sandbox root", presented.Thumbprint, presented.Subject);
            throw new CertPlatformException(ErrorCatalog.BZBE011008);
        }

        return X509CertificateLoader.LoadCertificate(presented.RawData);
    }

    // --- Reading and writing -------------------------------------------------------------------------------

    private static async Task<T> ReadJsonAsync<T>(HttpContext context)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            throw new CertPlatformException(ErrorCatalog.G006e);
        }

        try
        {
            return await context.Request.ReadFromJsonAsync(Json.Contract<T>(), context.RequestAborted) ?? throw new CertPlatformException(ErrorCatalog.G006e);
        }
        catch (JsonException)
        {
            throw new CertPlatformException(ErrorCatalog.G006e);
        }
    }

    private static async Task<byte[]> ReadPkcs10Async(HttpContext context)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || type.MediaType != EstClient.Pkcs10)
        {
            throw new CertPlatformException(ErrorCatalog.G206e);
        }

        // Base64 with or without line breaks, with or without the old Content-Transfer-Encoding header (ignored, as
        // RFC 8951 says), or the DER itself as a few clients send it.
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        return CertsOnly.DecodeBody(body.ToArray()) ?? throw new CertPlatformException(ErrorCatalog.G206e);
    }

    /// <summary>The center's one-time ticket as HTTP Basic credentials; its expiry is the sandbox's to know.</summary>
    private static EnrollmentTicket TicketFromBasicAuthorization(HttpRequest request)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is { } parameter)
        {
            try
            {
                var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                var colon = credentials.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return new EnrollmentTicket(credentials[..colon], credentials[(colon + 1)..], DateTimeOffset.MaxValue);
                }
            }
            catch (FormatException)
            {
                // Falls through to the refusal below.
            }
        }

        throw new CertPlatformException(ErrorCatalog.G205e);
    }

    private static Task WriteJsonAsync<T>(HttpContext context, T body) =>
        context.Response.WriteAsJsonAsync(body, Json.Contract<T>(), "application/json", context.RequestAborted);

    private static Task WriteStepAsync(HttpContext context, CenterRenewalStep step) =>
        WriteJsonAsync(context, new RenewalResponse
        {
            RenewalId = step.RenewalId,
            Next = step.Next switch
            {
                CenterRenewalNext.Otp => CenterContract.Next.Otp,
                CenterRenewalNext.TimeSync => CenterContract.Next.TimeSync,
                _ => CenterContract.Next.Ticket,
            },
            Ticket = step.Ticket is { } ticket ? TicketOf(ticket) : null,
            Subject = step.Subject is { } subject ? SubjectOf(subject) : null,
        });

    /// <summary>
    /// RFC 7030 as RFC 8951 corrects it: base64 without line breaks and no Content-Transfer-Encoding header, which HTTP
    /// does not have (the length comes from <see cref="WithContentLengthAsync"/>).
    /// </summary>
    private static async Task WriteCertsOnlyAsync(HttpContext context, IEnumerable<X509Certificate2> certificates)
    {
        context.Response.ContentType = EstClient.Pkcs7Mime + "; smime-type=certs-only";
        await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes(CertsOnly.Write(certificates)), context.RequestAborted);
    }

    private static bool IsProtocol(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/.well-known/est") || context.Request.Path.StartsWithSegments("/center");

    /// <summary>
    /// Every answer of the center and EST carries a Content-Length, never chunked: clients that read a body by its
    /// length (strongSwan's pki, for one) get nothing from a chunked one. The answers are a few kilobytes.
    /// </summary>
    private static async Task WithContentLengthAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        context.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static TicketBody TicketOf(EnrollmentTicket ticket) =>
        new() { Username = ticket.Username, Password = ticket.Reveal(), ExpiresAt = ticket.ExpiresAt };

    private static SubjectBody SubjectOf(Domain.Certificates.CertificateSubject subject) =>
        new() { Organization = subject.Organization, OrganizationalUnit = subject.OrganizationalUnit, CommonName = subject.CommonName };

    /// <summary>An expected failure becomes problem+json with its catalog code; anything else is logged and is G005e.</summary>
    private static async Task CatalogProblemsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (CertPlatformException ex) when (!context.Response.HasStarted)
        {
            await WriteProblemAsync(context, ex.Error, ex.RetryAfter);
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SandboxHttpsEndpoints))
                .LogError(ex, "Sandbox HTTPS failed on {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteProblemAsync(context, ErrorCatalog.G005e, null);
        }
    }

    private static async Task WriteProblemAsync(HttpContext context, CatalogError error, TimeSpan? retryAfter)
    {
        var status = StatusOf(error.Kind);
        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (status == StatusCodes.Status401Unauthorized && context.Request.Path.StartsWithSegments("/.well-known/est"))
        {
            context.Response.Headers.WWWAuthenticate = EstRealm;
        }

        var problem = new Problem { Type = $"urn:certplatform:error:{error.Code}", Title = error.Message.En, Status = status, Code = error.Code };
        await context.Response.WriteAsJsonAsync(problem, Json.Contract<Problem>(), "application/problem+json", context.RequestAborted);
    }

    /// <summary>The center protocol's statuses (docs/center-protocol.md); a request the CA refuses is a 400, as EST expects.</summary>
    private static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput or ErrorKind.Failed => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Gone => StatusCodes.Status410Gone,
        ErrorKind.Locked => StatusCodes.Status423Locked,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status503ServiceUnavailable,
    };
}
