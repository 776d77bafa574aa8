using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Updates;

/// <summary>What the last look at the feed found, judged for this PC.</summary>
/// <param name="Running">The version running now.</param>
/// <param name="Installed">The version the next start runs: the running one, or a newer one installed since.</param>
/// <param name="Manifest">The verified manifest; null when no feed is configured.</param>
/// <param name="FailedStarts">The versions the launcher could not start (newest first); never offered again.</param>
public sealed record UpdateCheck(
    SemanticVersion Running,
    SemanticVersion Installed,
    UpdateManifest? Manifest,
    string Rid,
    DateTimeOffset CheckedAt,
    IReadOnlyList<FailedStart>? FailedStarts = null)
{
    public UpdatePackage? Package => Manifest?.PackageFor(Rid);

    /// <summary>A newer version than the installed one, with a package for this platform, that has not failed to start here.</summary>
    public bool Available => Manifest is not null && Package is not null && Manifest.IsNewerThan(Installed)
        && !(FailedStarts ?? []).Any(f => f.Version == Manifest.Version);

    /// <summary>
    /// This run is the launcher's fallback: a newer installed version failed to start and the running one was
    /// started instead (G411e on the update screen). Null on an ordinary start.
    /// </summary>
    public FailedStart? Fallback => (FailedStarts ?? []).FirstOrDefault(f => f.RanInstead == Running && f.Version > Running);

    /// <summary>The running version is below the bank's minimum: issuance and renewal wait for the update.</summary>
    public bool Mandatory => Manifest is not null && Manifest.IsMandatoryFor(Running);

    /// <summary>A newer version is installed and takes effect when the user restarts the helper.</summary>
    public bool RestartRequired => Installed > Running;
}

/// <summary>A check of the feed that failed: the catalog error the user was given, and when.</summary>
public sealed record UpdateCheckFailure(CatalogError Error, DateTimeOffset At);

/// <summary>Looks at the feed, verifies what it says, and remembers the answer for the mandatory-update gate.</summary>
public sealed class UpdateChecker(
    IUpdateFeed feed,
    IUpdateInstaller installer,
    IVersionHistory history,
    UpdateManifestVerifier verifier,
    RunningVersion running,
    IOptions<UpdateOptions> options,
    TimeProvider time,
    ILogger<UpdateChecker> logger)
{
    /// <summary>How long issuance waits for a check of its own before going ahead without one.</summary>
    private static readonly TimeSpan GateCheckTimeout = TimeSpan.FromSeconds(5);

    private volatile UpdateCheck? _last;
    private volatile UpdateCheckFailure? _lastFailure;

    /// <summary>The last successful check, if any.</summary>
    public UpdateCheck? Last => _last;

    /// <summary>The last check's failure when the last check failed (diagnostics show it); null after a success.</summary>
    public UpdateCheckFailure? LastFailure => _lastFailure;

    /// <summary>Checks the feed now. Failures are catalog errors: G003e unreachable, G401e–G405e a refused manifest.</summary>
    public async Task<UpdateCheck> CheckAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var installed = SemanticVersion.Max(running.Value, installer.InstalledVersion ?? running.Value);
        var failedStarts = history.FailedStarts;
        if (!settings.IsEnabled)
        {
            return new UpdateCheck(running.Value, installed, null, settings.EffectiveRid, time.GetUtcNow(), failedStarts);
        }

        UpdateManifest manifest;
        try
        {
            var signed = await feed.FetchManifestAsync(cancellationToken);

            // Judged against the highest version this PC has seen, not only the installed one: reinstalling an
            // older package must not make a replayed old manifest acceptable.
            var floor = SemanticVersion.Max(installed, history.HighestSeen ?? installed);
            manifest = verifier.Verify(signed, floor);
            history.RecordSeen(SemanticVersion.Max(installed, manifest.Version));
        }
        catch (CertPlatformException ex)
        {
            _lastFailure = new UpdateCheckFailure(ex.Error, time.GetUtcNow());
            throw;
        }

        var check = new UpdateCheck(running.Value, installed, manifest, settings.EffectiveRid, time.GetUtcNow(), failedStarts);
        _last = check;
        _lastFailure = null;

        if (manifest.IsNewerThan(installed) && check.Package is null)
        {
            logger.LogInformation("Version {Latest} is out but has no package for {Rid}", manifest.Version, check.Rid);
        }

        logger.LogInformation(
            "Update check: running {Running}, installed {Installed}, latest {Latest}, available {Available}, mandatory {Mandatory}",
            check.Running, check.Installed, manifest.Version, check.Available, check.Mandatory);
        if (check.Fallback is { } fallback)
        {
            logger.LogWarning("Version {Failed} failed to start ({Reason}); running {Running} instead", fallback.Version, fallback.Reason, check.Running);
        }

        return check;
    }

    /// <summary>
    /// A check for the mandatory-update gate: the last one while it is recent, else a quick new one. When the
    /// feed cannot be reached or its manifest is refused, the last verified answer stands, or none: a feed
    /// that is down never stops issuance on its own.
    /// </summary>
    public async Task<UpdateCheck?> RecentAsync(CancellationToken cancellationToken)
    {
        var last = _last;
        if (!options.Value.IsEnabled
            || (last is not null && time.GetUtcNow() - last.CheckedAt < TimeSpan.FromMinutes(options.Value.RecheckMinutes)))
        {
            return last;
        }

        using var deadline = new CancellationTokenSource(GateCheckTimeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await CheckAsync(timeout.Token);
        }
        catch (CertPlatformException ex)
        {
            logger.LogWarning("Update check before the operation failed with {Code}; going on with the last known answer", ex.Error.Code);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Update check before the operation timed out; going on with the last known answer");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Update check before the operation failed with {ExceptionType}; going on with the last known answer", ex.GetType().Name);
        }

        return _last;
    }
}
