using CertPlatform.Domain.Updates;

namespace CertPlatform.Application.Ports;

/// <summary>The manifest as the feed served it, not yet trusted: its exact bytes and its detached signature.</summary>
/// <param name="Signature">The content of manifest.json.sig, or null when the feed has none.</param>
public sealed record SignedManifest(byte[] Manifest, byte[]? Signature);

/// <summary>A package downloaded to the staging folder whose size and SHA-256 matched the manifest's.</summary>
public sealed record StagedPackage(SemanticVersion Version, UpdatePackage Package, string Path);

/// <summary>The bank's update feed: the signed manifest of the latest release and its packages.</summary>
public interface IUpdateFeed
{
    /// <summary>Fetches manifest.json and manifest.json.sig. A feed that cannot be reached is G003e.</summary>
    Task<SignedManifest> FetchManifestAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Streams a package to the staging folder, resuming a download that was cut off when the server allows it,
    /// and reports the bytes received so far. A network failure is G002e (what arrived is kept for the next
    /// attempt); a package of the wrong size or hash is G407e (and is deleted).
    /// </summary>
    Task<StagedPackage> DownloadAsync(
        SemanticVersion version, UpdatePackage package, IProgress<long> bytesReceived, CancellationToken cancellationToken);
}
