using CertPlatform.Domain.Errors;
using Mediator;

namespace CertPlatform.Application.Updates.CheckUpdate;

/// <summary>The manual's 1.2: is there a new version of the helper? Checked at start and when the user asks.</summary>
public sealed record CheckUpdate : IQuery<UpdateInfo>;

/// <summary>What the update screen shows.</summary>
/// <param name="Current">The running version.</param>
/// <param name="Latest">The feed's latest version; null when no feed is configured.</param>
/// <param name="Available">A newer version than the installed one exists for this platform.</param>
/// <param name="Mandatory">The running version is below the minimum supported one: issuance and renewal wait.</param>
/// <param name="RestartRequired">A newer version is installed; it runs after the user restarts the helper.</param>
/// <param name="FailedVersion">
/// The installed version that failed to start when the launcher fell back to the running one (G411e); else null.
/// </param>
public sealed record UpdateInfo(
    string Current,
    string? Latest,
    bool Available,
    bool Mandatory,
    DateTimeOffset? ReleaseDate,
    LocalizedText? Notes,
    bool RestartRequired,
    string? FailedVersion = null)
{
    public static UpdateInfo From(UpdateCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new(
            check.Running.ToString(),
            check.Manifest?.Version.ToString(),
            check.Available,
            check.Mandatory,
            check.Manifest?.ReleaseDate,
            check.Manifest?.Notes,
            check.RestartRequired,
            check.Fallback?.Version.ToString());
    }
}

public sealed class CheckUpdateHandler(UpdateChecker checker) : IQueryHandler<CheckUpdate, UpdateInfo>
{
    public async ValueTask<UpdateInfo> Handle(CheckUpdate query, CancellationToken cancellationToken) =>
        UpdateInfo.From(await checker.CheckAsync(cancellationToken));
}
