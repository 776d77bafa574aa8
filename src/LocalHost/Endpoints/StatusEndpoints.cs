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
        api.MapPost("/exit", Exit)
            .WithName("Exit")
            .WithSummary("Stop the helper (the update screen's 「終了する」); the user or the launcher starts it again")
            .WithDescription("Answers 202, then stops once the answer is sent. Like every state-changing call it needs the " +
                "allowlisted Origin (or the API token) and a JSON body.")
            .Accepts<object>("application/json")
            .WithTags("Status");
        return api;
    }

    public static Accepted Exit(IHostApplicationLifetime lifetime, HttpContext context, ILoggerFactory loggers)
    {
        loggers.CreateLogger(typeof(StatusEndpoints)).LogInformation(new EventId(1020, "ExitRequested"), "Exit requested from the API");

        // After the answer has gone out: the page learns the helper is going, not that the connection broke.
        context.Response.OnCompleted(() =>
        {
            lifetime.StopApplication();
            return Task.CompletedTask;
        });
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Ok<HelperStatus>> GetStatus(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetStatus(), cancellationToken));
}
