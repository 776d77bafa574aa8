using CertPlatform.Application.Diagnostics;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CertPlatform.LocalHost.Endpoints;

public static class StatusEndpoints
{
    public static RouteGroupBuilder MapStatusApiV1(this RouteGroupBuilder api)
    {
        api.MapGet("/status", GetStatus)
            .WithName("GetStatus")
            .WithSummary("The helper's version, center mode, clock and certificate store")
            .WithTags("Status");
        return api;
    }

    public static async Task<Ok<HelperStatus>> GetStatus(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetStatus(), cancellationToken));
}
