using CertPlatform.Application.Revocation;
using CertPlatform.Domain.Errors;
using CertPlatform.LocalHost.Errors;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CertPlatform.LocalHost.Endpoints;

/// <summary>
/// Revocation (the manual's 3.1.1–3.1.4): the user revokes their own certificate with the login password, or an
/// administrator user revokes another user's by serial number; either way the answer leads to a new issuance.
/// </summary>
public static class RevocationEndpoints
{
    /// <summary>The login password of the certificate's user.</summary>
    public sealed record RevocationRequest(string? Password)
    {
        public override string ToString() => "RevocationRequest { Password = *** }";
    }

    /// <summary>An administrator user's login ID and password, and the serial number of the certificate to revoke.</summary>
    public sealed record AdministratorRevocationRequest(string? LoginId, string? Password, string? SerialNumber)
    {
        public override string ToString() => $"AdministratorRevocationRequest {{ LoginId = {LoginId}, Password = ***, SerialNumber = {SerialNumber} }}";
    }

    /// <param name="Next">issue: the screen leads to a new issuance.</param>
    /// <param name="Code">G254i, whose message and remedy say to issue a new certificate.</param>
    public sealed record RevocationResult(
        string? Thumbprint, string SerialNumber, DateTimeOffset RevokedAt, string Next, string Code, string Message, string Guidance);

    public static RouteGroupBuilder MapRevocationsApiV1(this RouteGroupBuilder api)
    {
        api.MapPost("/certificates/{thumbprint}/revocation", RevokeCertificate)
            .WithTags("Certificates")
            .WithName("RevokeCertificate")
            .WithSummary("Revoke your own certificate with the login password, then issue a new one")
            .WithDescription(
                "For a certificate that cannot be used any more (broken, moved to another PC). The center is shown the certificate, possession of its key " +
                "proven, and the password of the user it was issued to. Answers {serialNumber, revokedAt, next: \"issue\", code: G254i, message, guidance}: " +
                "the user issues a new certificate next. The list marks the certificate revoked; it cannot be renewed (G208e).")
            .Accepts<RevocationRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status423Locked)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/certificates/revocations", RevokeAsAdministrator)
            .WithTags("Certificates")
            .WithName("RevokeCertificateAsAdministrator")
            .WithSummary("An administrator user revokes another user's certificate by its serial number")
            .WithDescription(
                "The manual's way for a certificate whose PC is gone (OS reinstalled, repaired): the administrator user (管理者ユーザー) of the same customer " +
                "revokes it with their own login ID and password. A user who is not an administrator is refused with G253e; an unknown serial number is G203e.")
            .Accepts<AdministratorRevocationRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status423Locked);
        return api;
    }

    public static async Task<Ok<RevocationResult>> RevokeCertificate(
        string thumbprint, [FromBody] RevocationRequest request, ISender sender, HttpRequest http, CancellationToken cancellationToken) =>
        TypedResults.Ok(ResultOf(await sender.Send(new RevokeCertificate(thumbprint, request.Password ?? string.Empty), cancellationToken), http));

    public static async Task<Ok<RevocationResult>> RevokeAsAdministrator(
        [FromBody] AdministratorRevocationRequest request, ISender sender, HttpRequest http, CancellationToken cancellationToken) =>
        TypedResults.Ok(ResultOf(
            await sender.Send(new RevokeAsAdministrator(request.LoginId ?? string.Empty, request.Password ?? string.Empty, request.SerialNumber ?? string.Empty), cancellationToken),
            http));

    private static RevocationResult ResultOf(RevokedCertificate revoked, HttpRequest http)
    {
        var language = RequestLanguage.Of(http);
        var guide = ErrorCatalog.G254i;
        return new RevocationResult(
            revoked.Thumbprint, revoked.SerialNumber, revoked.RevokedAt, revoked.Next, guide.Code, guide.MessageFor(language), guide.Remedy.For(language));
    }
}
