using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure;
using CertPlatform.Infrastructure.Sandbox;
using CertPlatform.LocalHost.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CertPlatform.LocalHost.Endpoints;

/// <summary>
/// The sandbox's stand-in for the demo users' hardware tokens, so the renewal's one-time password steps can be
/// tried. Mapped only when the embedded sandbox center is the center (<c>Center:Mode</c> Embedded).
/// </summary>
public static class SandboxTokenEndpoints
{
    public static RouteGroupBuilder MapSandboxTokensApiV1(this RouteGroupBuilder api)
    {
        var center = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<CenterOptions>>().Value;
        if (center.Mode != CenterMode.Embedded)
        {
            return api;
        }

        api.MapGet("/sandbox/tokens/{loginId}", ShowToken)
            .WithTags("Sandbox")
            .WithName("ShowSandboxToken")
            .WithSummary("What a sandbox demo user's one-time password token shows now (demo01 in sync, demo02 five minutes ahead)")
            .WithDescription("Sandbox only. secondsRemaining counts down to the token's next code. demo03 has no registered token: 404 with G014e.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static Results<Ok<TokenDisplay>, ProblemHttpResult> ShowToken(string loginId, SandboxTokens tokens, HttpRequest request)
    {
        try
        {
            return TypedResults.Ok(tokens.Show(loginId));
        }
        catch (CertPlatformException ex) when (ex.Error == ErrorCatalog.G014e)
        {
            // No token to show: the resource does not exist, whatever the catalog's kind says about renewal.
            var problem = CatalogProblem.Create(ex.Error, RequestLanguage.Of(request));
            problem.Status = StatusCodes.Status404NotFound;
            return TypedResults.Problem(problem);
        }
    }
}
