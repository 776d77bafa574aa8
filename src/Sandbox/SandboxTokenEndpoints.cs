using CertPlatform.Domain.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace CertPlatform.Sandbox;

/// <summary>
/// The sandbox's stand-in for the demo users' hardware tokens, so the renewal's one-time password steps can be
/// tried. Part of the helper's API, mapped by <see cref="SandboxServices.MapSandbox"/> (Embedded mode only).
/// </summary>
internal static class SandboxTokenEndpoints
{
    public static RouteGroupBuilder MapSandboxTokens(this RouteGroupBuilder api)
    {
        api.MapGet("/sandbox/tokens/{loginId}", ShowTokenAsync)
            .WithTags("Sandbox")
            .WithName("ShowSandboxToken")
            .WithSummary("What a sandbox demo user's one-time password token shows now (demo01 in sync, demo02 five minutes ahead)")
            .WithDescription("Sandbox only. secondsRemaining counts down to the token's next code. demo03 has no registered token: 404 with G014e.")
            .Produces<TokenDisplay>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<IResult> ShowTokenAsync(string loginId, SandboxTokens tokens, IProblemDetailsService problems, HttpContext http)
    {
        try
        {
            return TypedResults.Ok(tokens.Show(loginId));
        }
        catch (CertPlatformException ex) when (ex.Error == ErrorCatalog.G014e)
        {
            // No token to show: the resource does not exist, whatever the catalog's kind says about renewal. The
            // helper's problem writer gives it the API's catalog body (code, title in the request's language, remedy).
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            var problem = new ProblemDetailsContext { HttpContext = http, Exception = ex, ProblemDetails = new ProblemDetails { Status = StatusCodes.Status404NotFound } };
            return await problems.TryWriteAsync(problem) ? Results.Empty : TypedResults.NotFound();
        }
    }
}
