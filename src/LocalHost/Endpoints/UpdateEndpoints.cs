using CertPlatform.Application.Updates.CheckUpdate;
using CertPlatform.Application.Updates.Download;
using CertPlatform.Application.Updates.Install;
using CertPlatform.Domain.Errors;
using CertPlatform.LocalHost.Errors;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CertPlatform.LocalHost.Endpoints;

public static class UpdateEndpoints
{
    /// <summary>The progress bar: state is idle, downloading, completed or failed.</summary>
    /// <param name="Problem">Why a failed download failed (G002e, G407e, …), as the API's other errors.</param>
    /// <param name="Notice">G007i once completed: install, then run the application again.</param>
    public sealed record DownloadStatus(
        string State, long BytesReceived, long TotalBytes, string? Version, ProblemDetails? Problem, ProblemDetails? Notice);

    /// <summary>The update screen: <see cref="UpdateInfo"/> and, after the launcher fell back, G411e as a notice.</summary>
    public sealed record UpdateScreen(
        string Current,
        string? Latest,
        bool Available,
        bool Mandatory,
        DateTimeOffset? ReleaseDate,
        LocalizedText? Notes,
        bool RestartRequired,
        string? FailedVersion,
        ProblemDetails? Notice);

    public static RouteGroupBuilder MapUpdatesApiV1(this RouteGroupBuilder api)
    {
        var updates = api.MapGroup("/updates").WithTags("Updates");

        updates.MapGet("/", CheckUpdate)
            .WithName("CheckUpdate")
            .WithSummary("Is there a new version of the helper? (the manual's 1.2; also checked at start)")
            .WithDescription("Reads the signed manifest from the update feed and verifies it with the pinned key. A feed that cannot be " +
                "reached is G003e; an unsigned, badly signed, malformed, expired or older manifest is G401e–G405e. When the launcher " +
                "could not start an installed version and started this one instead, failedVersion names it and notice is G411e.")
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        updates.MapPost("/download", StartDownload)
            .WithName("StartUpdateDownload")
            .WithSummary("Download the new version in the background; poll GET /updates/download for progress")
            .WithDescription("A download that was cut off resumes where it stopped. Answers 202 while it runs.")
            .Accepts<object>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        updates.MapGet("/download", GetDownload)
            .WithName("GetUpdateDownload")
            .WithSummary("The download's progress: state, bytes received and total, and the outcome");

        updates.MapPost("/install", Install)
            .WithName("InstallUpdate")
            .WithSummary("Install the downloaded version next to the running one; the user restarts the helper afterwards")
            .Accepts<object>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status500InternalServerError);

        return api;
    }

    public static async Task<Ok<UpdateScreen>> CheckUpdate(ISender sender, HttpRequest request, CancellationToken cancellationToken)
    {
        var info = await sender.Send(new CheckUpdate(), cancellationToken);
        var notice = info.FailedVersion is null ? null : CatalogProblem.Create(ErrorCatalog.G411e, RequestLanguage.Of(request));
        return TypedResults.Ok(new UpdateScreen(
            info.Current, info.Latest, info.Available, info.Mandatory, info.ReleaseDate, info.Notes, info.RestartRequired, info.FailedVersion, notice));
    }

    public static async Task<Accepted<DownloadStatus>> StartDownload(ISender sender, HttpRequest request, CancellationToken cancellationToken)
    {
        var progress = await sender.Send(new DownloadUpdate(), cancellationToken);
        return TypedResults.Accepted("/api/v1/updates/download", StatusOf(progress, request));
    }

    public static async Task<Ok<DownloadStatus>> GetDownload(ISender sender, HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(StatusOf(await sender.Send(new GetUpdateDownload(), cancellationToken), request));

    public static async Task<Ok<InstalledUpdate>> Install(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new InstallUpdate(), cancellationToken));

    private static DownloadStatus StatusOf(DownloadProgress progress, HttpRequest request)
    {
        var state = progress.State switch
        {
            DownloadState.Downloading => "downloading",
            DownloadState.Completed => "completed",
            DownloadState.Failed => "failed",
            _ => "idle",
        };
        var outcome = progress.Outcome is { } error ? CatalogProblem.Create(error, RequestLanguage.Of(request)) : null;
        return new DownloadStatus(
            state,
            progress.BytesReceived,
            progress.TotalBytes,
            progress.Version,
            progress.State == DownloadState.Failed ? outcome : null,
            progress.State == DownloadState.Completed ? outcome : null);
    }
}
