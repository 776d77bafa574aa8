using CertPlatform.Application.Diagnostics;
using CertPlatform.Domain.Launch;
using CertPlatform.LocalHost.Hosting;
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
        api.MapPost("/open", Open)
            .WithName("Open")
            .WithSummary("Open the helper's page in the browser at a screen (a second start of the app asks the running one)")
            .WithDescription("screen is issue (CCHK002), renew (the certificate list) or main; anything else is main. The page " +
                "opened is always this helper's own address. Needs the allowlisted Origin or the API token, and a JSON body.")
            .Accepts<OpenRequest>("application/json")
            .WithTags("Status");
        return api;
    }

    /// <param name="Screen"><c>issue</c>, <c>renew</c> or <c>main</c>.</param>
    public sealed record OpenRequest(string? Screen);

    /// <param name="Opened">Whether the OS started a browser (false: the user opens the address by hand).</param>
    public sealed record OpenResult(string Screen, string Address, bool Opened);

    public static Accepted<OpenResult> Open(OpenRequest? request, HttpRequest http, BrowserOpener opener)
    {
        var screen = Enum.TryParse<HelperScreen>(request?.Screen, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : HelperScreen.Main;
        var address = new Uri($"{http.Scheme}://{http.Host}/{LaunchUrl.FragmentOf(screen)}");
        var opened = opener.Open(address);
        return TypedResults.Accepted((string?)null, new OpenResult(screen.ToString().ToLowerInvariant(), address.AbsoluteUri, opened));
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
