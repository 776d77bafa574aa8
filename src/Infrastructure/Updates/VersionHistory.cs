using CertPlatform.Application.Ports;
using CertPlatform.Application.Updates;
using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Updates;

/// <summary>
/// <c>updates/highest-version</c> in the data folder (it survives a reinstall of the package), and the launcher's
/// record of failed starts (<see cref="InstalledVersions"/>).
/// </summary>
public sealed class VersionHistory(IOptions<UpdateOptions> options, HelperPaths paths, ILogger<VersionHistory> logger) : IVersionHistory
{
    private readonly Lock _gate = new();

    public string HighestPath => Path.Combine(paths.DataDirectory, "updates", "highest-version");

    public SemanticVersion? HighestSeen => VersionFile.Read(HighestPath);

    public IReadOnlyList<FailedStart> FailedStarts => Layout.ReadFailures();

    private InstalledVersions Layout => InstalledVersions.From(options.Value.InstallDirectory, paths);

    public void RecordSeen(SemanticVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        lock (_gate)
        {
            if (HighestSeen is { } highest && highest >= version)
            {
                return;
            }

            try
            {
                VersionFile.Write(HighestPath, version);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The check's answer stands; the floor is written at the next check.
                logger.LogWarning("Could not remember the highest version {Version}: {ExceptionType}", version, ex.GetType().Name);
            }
        }
    }
}
