using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Updates.CheckUpdate;

/// <summary>
/// Looks for a new version when the helper starts (<c>Updates:CheckAtStart</c>), in the background: start never
/// waits for the feed and never fails because of it. The answer feeds the mandatory-update gate.
/// </summary>
public sealed class UpdateCheckAtStart(UpdateChecker checker, IOptions<UpdateOptions> options, ILogger<UpdateCheckAtStart> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.CheckAtStart || !options.Value.IsEnabled)
        {
            logger.LogInformation("No update check at start (feed configured: {Enabled})", options.Value.IsEnabled);
            return;
        }

        try
        {
            var check = await checker.CheckAsync(stoppingToken);
            if (check.Available)
            {
                logger.LogInformation("A new version {Latest} is available (mandatory: {Mandatory})", check.Manifest!.Version, check.Mandatory);
            }
        }
        catch (CertPlatformException ex)
        {
            logger.LogWarning("The update check at start failed with {Code}", ex.Error.Code);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before the feed answered.
        }
        catch (ObjectDisposedException)
        {
            // The start was refused (a busy port, broken sandbox files) and the helper is gone: nothing to report.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The update check at start failed with {ExceptionType}", ex.GetType().Name);
        }
    }
}
