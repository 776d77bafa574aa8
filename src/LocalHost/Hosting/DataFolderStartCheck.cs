using CertPlatform.Application.Certificates;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.Infrastructure.Stores;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// At start, before anything else: the data folder can be written, <c>helper.db</c> can be read, and what earlier
/// runs left behind is cleared (one-time NSS folders in the temporary folder, temporary files of interrupted writes).
/// A data folder that cannot be used refuses the start in one line with its catalog code (G260e disk full, G261e not
/// writable, G262e a broken database), instead of a stack trace or a helper that fails every request. A log folder
/// that cannot be written is said once on the console; the helper still runs. Once the server listens, the installs
/// that a crash cut off are finished (<see cref="PendingInstallRecovery"/>).
/// </summary>
internal sealed class DataFolderStartCheck(
    HelperPaths paths,
    HelperRecords records,
    PendingInstallRecovery recovery,
    IHostApplicationLifetime lifetime,
    ILogger<DataFolderStartCheck> logger)
    : IHostedService
{
    /// <summary>Leftovers younger than this may belong to a second helper of the same user that runs right now.</summary>
    internal static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(10);

    public static void AddFirst(IServiceCollection services) =>
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DataFolderStartCheck>());

    public Task StartAsync(CancellationToken cancellationToken)
    {
        RequireWritable("The data folder", paths.DataDirectory);
        StartupRefusal.RequireDatabase("The database", records.DatabasePath, records.EnsureReadable,
            "Free the disk or make the folder writable; a file that is not a database can be moved aside " +
            "(the certificates in the store are not in it; installs it had pending are lost).");

        WarnIfLogsCannotBeWritten();
        NssCertificateStore.SweepLeftovers(LeftoverAge, logger);
        var swept = PrivateFiles.SweepTemporaryFiles(paths.DataDirectory, LeftoverAge) + PrivateFiles.SweepTemporaryFiles(paths.SandboxDirectory, LeftoverAge);
        if (swept > 0)
        {
            logger.LogInformation(new EventId(1014, "TemporaryFilesRemoved"), "Removed {Count} temporary files that interrupted writes left in {Folder}", swept, paths.DataDirectory);
        }

        lifetime.ApplicationStarted.Register(() => _ = FinishPendingInstallsAsync(lifetime.ApplicationStopping));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task FinishPendingInstallsAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Yield();
            var finished = await recovery.FinishAsync(stopping);
            if (finished > 0)
            {
                logger.LogWarning(new EventId(1015, "PendingInstallsFinished"), "Finished {Count} certificate installs that an earlier run did not complete", finished);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the next start tries again.
        }
        catch (CertPlatformException ex)
        {
            logger.LogError(new EventId(1016, "PendingInstallsUnfinished"), "The pending installs could not be finished at start ({Code}); the next list tries again", ex.Error.Code);
        }
    }

    private static void RequireWritable(string what, string directory)
    {
        try
        {
            PrivateFiles.CreateDirectory(directory);

            // A few bytes written and the file gone on close: a read-only folder or a full disk fails the write, and
            // the start pays no flush to the disk (the probe's content matters to nobody).
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.DeleteOnClose };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var probe = new FileStream(Path.Combine(directory, $".write-check.{Guid.NewGuid():N}.tmp"), options);
            probe.Write("ok"u8);
            probe.Flush();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw StartupRefusal.ForPath(what, directory, ex);
        }
    }

    private void WarnIfLogsCannotBeWritten()
    {
        try
        {
            RequireWritable("The log folder", paths.LogDirectory);
        }
        catch (StartupRefusal refusal)
        {
            // The console still shows it; support then asks for the console output instead of ApplicationLog.log.
            logger.LogWarning(new EventId(1013, "LogFolderNotWritable"), "{Line} The helper runs without ApplicationLog.log.", refusal.Line);
        }
    }
}
