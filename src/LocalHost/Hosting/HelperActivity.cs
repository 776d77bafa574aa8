using CertPlatform.Application.Renewals;
using CertPlatform.Application.Updates.Download;
using CertPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// When the helper was last used, and whether it is busy: a request in flight, a renewal open between its steps,
/// an update downloading. <c>GET /api/v1/status</c> does not count as use: the bank's page and the launcher ask it
/// to find the helper, and a page left open on it must not keep the helper up for weeks.
/// </summary>
public sealed class HelperActivity(TimeProvider time, RenewalSessions renewals, UpdateDownload download)
{
    private long _lastUsedTicks = time.GetUtcNow().UtcTicks;
    private int _inFlight;

    public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

    public bool IsBusy => Volatile.Read(ref _inFlight) > 0 || renewals.OpenCount > 0 || download.Progress.State == DownloadState.Downloading;

    public static bool Counts(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) && request.Path.Equals("/api/v1/status", StringComparison.OrdinalIgnoreCase));

    public IDisposable Begin()
    {
        Interlocked.Increment(ref _inFlight);
        Touch();
        return new Use(this);
    }

    private void Touch() => Interlocked.Exchange(ref _lastUsedTicks, time.GetUtcNow().UtcTicks);

    private sealed class Use(HelperActivity activity) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                activity.Touch();
                Interlocked.Decrement(ref activity._inFlight);
            }
        }
    }
}

/// <summary>
/// Ends the helper after <c>Helper:IdleExitMinutes</c> (default 30; 0 never) without use, and never while it is busy.
/// A helper that listens for weeks is what made banking helpers elsewhere a target; the bank's button starts it again.
/// </summary>
public sealed class IdleExit(
    HelperActivity activity,
    IOptions<HelperOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<IdleExit> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.Value.IdleExitMinutes;
        if (minutes <= 0)
        {
            return;
        }

        var idle = TimeSpan.FromMinutes(minutes);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Clamp(idle.TotalSeconds / 10, 1, 60)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var unused = time.GetUtcNow() - activity.LastUsed;
                if (unused >= idle && !activity.IsBusy)
                {
                    logger.LogInformation(new EventId(1021, "IdleExit"), "Not used for {Minutes} minutes; the helper ends (the bank's button starts it again)", minutes);
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping anyway.
        }
    }
}

/// <summary>
/// After a burst of use, once nothing has used the helper for <see cref="Quiet"/>, an aggressive compacting collection
/// gives the memory the work no longer needs back to the OS: a helper that waits most of the day should not sit on the
/// peak of its last issuances (the bench's soak measured it). It runs once per burst, never while a request, a renewal
/// or a download is under way.
/// </summary>
public sealed class IdleMemoryTrim(HelperActivity activity, TimeProvider time, ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    internal static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var trimmedAfter = activity.LastUsed;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var lastUsed = activity.LastUsed;
                if (lastUsed > trimmedAfter && time.GetUtcNow() - lastUsed >= Quiet && !activity.IsBusy)
                {
                    var before = GC.GetTotalMemory(forceFullCollection: false);
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    trimmedAfter = lastUsed;
                    logger.LogDebug(new EventId(1022, "IdleMemoryTrim"), "Idle after use: managed heap {Before} -> {After} bytes", before, GC.GetTotalMemory(false));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping anyway.
        }
    }
}

public static class HelperActivityMiddleware
{
    /// <summary>Counts each request that passed the security checks as use of the helper (see <see cref="HelperActivity"/>).</summary>
    public static IApplicationBuilder UseHelperActivity(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var activity = app.ApplicationServices.GetRequiredService<HelperActivity>();
        return app.Use(async (context, next) =>
        {
            if (!HelperActivity.Counts(context.Request))
            {
                await next(context);
                return;
            }

            using (activity.Begin())
            {
                await next(context);
            }
        });
    }
}
