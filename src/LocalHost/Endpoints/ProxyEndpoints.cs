using CertPlatform.Application.Proxy;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CertPlatform.LocalHost.Endpoints;

/// <summary>
/// The proxy sign-in screen: when the center, the CA, the update feed or the diagnostics meet a proxy's 407 (G009e),
/// the page asks for the proxy's ID and password, gives them here, and repeats the request. The helper's own page only
/// (or a tool with the API token): a bank page cannot set the user's proxy account.
/// </summary>
public static class ProxyEndpoints
{
    public const string Path = "/proxy/sign-in";

    public static RouteGroupBuilder MapProxyApiV1(this RouteGroupBuilder api)
    {
        api.MapPost(Path, SignInAsync)
            .WithName("SignInToProxy")
            .WithSummary("Give the proxy's ID and password after a G009e (proxy 407); the page then repeats its request")
            .WithDescription("Kept in memory for this run of the helper only: never written to disk, never logged, never in an " +
                "answer, gone when the helper ends. Replaces any pair given before. Whether the pair is right shows on the next " +
                "request (G009e again when the proxy refuses it). The helper's own page or the API token only.")
            .Accepts<ProxySignInRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithTags("Proxy");
        api.MapDelete(Path, SignOutAsync)
            .WithName("SignOutOfProxy")
            .WithSummary("Forget the proxy ID and password given on the sign-in screen")
            .WithTags("Proxy");
        return api;
    }

    /// <param name="UserName">The proxy's ID (<c>DOMAIN\user</c> for an NTLM proxy).</param>
    /// <param name="Password">The proxy's password. Secret.</param>
    public sealed record ProxySignInRequest(string? UserName, string? Password);

    public static async Task<Ok<ProxySignIn>> SignInAsync(ProxySignInRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new SignInToProxy(request.UserName, request.Password), cancellationToken));

    public static async Task<Ok<ProxySignIn>> SignOutAsync(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new SignOutOfProxy(), cancellationToken));
}
