using CertPlatform.Domain.Updates;

namespace CertPlatform.Application.Ports;

/// <summary>Puts a downloaded release in place for the next start of the helper.</summary>
public interface IUpdateInstaller
{
    /// <summary>The version the next start will run, when an update was installed; null before the first one.</summary>
    SemanticVersion? InstalledVersion { get; }

    /// <summary>
    /// Installs a staged package: all of it or nothing, the version in use stays in use on any failure (G021e).
    /// The package is checked against its hash again first (G407e), as the staging folder may have changed.
    /// </summary>
    Task<SemanticVersion> InstallAsync(StagedPackage package, CancellationToken cancellationToken);
}
