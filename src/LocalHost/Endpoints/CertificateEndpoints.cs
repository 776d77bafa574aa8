using CertPlatform.Application.Care;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Issuance;
using CertPlatform.Domain.Errors;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CertPlatform.LocalHost.Endpoints;

public static class CertificateEndpoints
{
    /// <summary>CCHK002 for issuance: login ID and password, and optionally the key type.</summary>
    public sealed record IssueRequest(string? LoginId, string? Password, string? KeyAlgorithm)
    {
        public override string ToString() => $"IssueRequest {{ LoginId = {LoginId}, Password = ***, KeyAlgorithm = {KeyAlgorithm} }}";
    }

    public static RouteGroupBuilder MapCertificatesApiV1(this RouteGroupBuilder api)
    {
        var certificates = api.MapGroup("/certificates").WithTags("Certificates");

        certificates.MapGet("/", ListCertificates)
            .WithName("ListCertificates")
            .WithSummary("Certificates of the bank's CA in the user's store, with days left and whether renewal is open")
            .WithDescription("Expired certificates are left out, as on the manual's list, unless includeExpired=true.");

        certificates.MapPost("/issue", IssueCertificate)
            .WithName("IssueCertificate")
            .WithSummary("Authenticate with login ID and password (CCHK002) and issue and install a new certificate")
            .WithDescription("Send X-Request-Id (a fresh UUID per button press): a repeated request with the same id gets the same answer instead of a second certificate.")
            .Accepts<IssueRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status423Locked)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        certificates.MapGet("/{thumbprint}", GetDetails)
            .WithName("GetCertificateDetails")
            .WithSummary("Subject, issuer, serial, validity, days left, renewable?, key type, key present, where it lives (tpm/software) and non-exportable?")
            .ProducesProblem(StatusCodes.Status404NotFound);

        certificates.MapGet("/{thumbprint}/export", Export)
            .WithName("ExportCertificate")
            .WithSummary("Export the certificate only (public part) as PEM or DER")
            .WithDescription("includePrivateKey=true is refused with G209e: the private key is never exportable and there is no backup (manual 3.1.3).")
            .Produces(StatusCodes.Status200OK, contentType: "application/x-pem-file", additionalContentTypes: ["application/pkix-cert"])
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        certificates.MapDelete("/{thumbprint}", RemoveExpired)
            .WithName("RemoveExpiredCertificate")
            .WithSummary("Remove an expired, revoked or renewed (superseded) certificate from the store after the user confirms ({\"confirm\": true})")
            .Accepts<RemovalRequest>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }

    /// <summary>The user's confirmation of a removal.</summary>
    public sealed record RemovalRequest(bool Confirm);

    public static async Task<Ok<CertificateDetails>> GetDetails(string thumbprint, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetCertificateDetails(thumbprint), cancellationToken));

    public static async Task<FileContentHttpResult> Export(
        string thumbprint, ISender sender, CancellationToken cancellationToken, string format = "pem", bool includePrivateKey = false)
    {
        var exported = await sender.Send(new ExportCertificate(thumbprint, format, includePrivateKey), cancellationToken);
        return TypedResults.File(exported.Content, exported.ContentType, exported.FileName);
    }

    public static async Task<Ok<RemovedCertificate>> RemoveExpired(
        string thumbprint, [FromBody] RemovalRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RemoveExpiredCertificate(thumbprint, request.Confirm), cancellationToken));

    public static async Task<Ok<CertificateList>> ListCertificates(ISender sender, CancellationToken cancellationToken, bool includeExpired = false) =>
        TypedResults.Ok(await sender.Send(new ListCertificates(includeExpired), cancellationToken));

    public static async Task<Ok<IssuedCertificate>> IssueCertificate(
        [FromBody] IssueRequest request,
        [FromHeader(Name = "X-Request-Id")] string? requestId,
        ISender sender,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new IssueCertificate(request.LoginId ?? string.Empty, request.Password ?? string.Empty, request.KeyAlgorithm) { RequestId = requestId },
            cancellationToken));
}
