using CertPlatform.Application.Renewals;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CertPlatform.LocalHost.Endpoints;

/// <summary>
/// The manual's renewal (2.2.5): the password with the chosen certificate (CCHK002), then the one-time password
/// (CCHK003), then, for a drifted token, the current and next codes (CCHK004); the last step installs the new
/// certificate and answers with it (CCHK007).
/// </summary>
public static class RenewalEndpoints
{
    /// <summary>CCHK002 for renewal: the login password, and optionally the new key's type (default: the current key's).</summary>
    public sealed record RenewalRequest(string? Password, string? KeyAlgorithm)
    {
        public override string ToString() => $"RenewalRequest {{ Password = ***, KeyAlgorithm = {KeyAlgorithm} }}";
    }

    /// <summary>CCHK003 <c>{otp}</c>, or CCHK004 <c>{current, next}</c>: the code the token shows now and the one a minute later.</summary>
    public sealed record OtpRequest(string? Otp, string? Current, string? Next)
    {
        public override string ToString() => "OtpRequest { *** }";
    }

    public static RouteGroupBuilder MapRenewalsApiV1(this RouteGroupBuilder api)
    {
        api.MapPost("/certificates/{thumbprint}/renewal", RenewCertificate)
            .WithTags("Renewals")
            .WithName("RenewCertificate")
            .WithSummary("Start renewing a certificate from the list with the login password (CCHK002)")
            .WithDescription(
                "The certificate must be in its renewal window (from 40 days before it expires up to its expiry). The center is shown the " +
                "certificate, possession of its key proven, and the password. Answers {renewalId, next}: next is \"otp\" (CCHK003) as a rule. " +
                "One renewal of a certificate at a time (G107e); a renewal waits a few minutes for each next step (G106e after that).")
            .Accepts<RenewalRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status423Locked)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/renewals/{renewalId}/otp", VerifyOtp)
            .WithTags("Renewals")
            .WithName("VerifyOtp")
            .WithSummary("Answer the token step of a renewal: {otp} (CCHK003) or {current, next} for time synchronisation (CCHK004)")
            .WithDescription(
                "Answers {renewalId, next, result?}: next is \"timeSync\" when the token's clock has drifted (send the code shown now and the one " +
                "shown a minute later), or \"completed\" with result, the installed certificate (subject, serial, thumbprint, validity). " +
                "A wrong (G103e), used (G104e) or unsynchronised (G105e) code may be entered again; five wrong entries in a row lock the user (G102e).")
            .Accepts<OtpRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status423Locked)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return api;
    }

    public static async Task<Ok<RenewalProgress>> RenewCertificate(
        string thumbprint, [FromBody] RenewalRequest request, [FromHeader(Name = "X-Request-Id")] string? requestId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new RenewCertificate(thumbprint, request.Password ?? string.Empty, request.KeyAlgorithm) { RequestId = requestId }, cancellationToken));

    public static async Task<Ok<RenewalProgress>> VerifyOtp(
        string renewalId, [FromBody] OtpRequest request, [FromHeader(Name = "X-Request-Id")] string? requestId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new VerifyOtp(renewalId, request.Otp, request.Current, request.Next) { RequestId = requestId }, cancellationToken));
}
