using CertPlatform.Domain.Errors;

namespace CertPlatform.Domain.Updates;

/// <summary>One platform's package of a release: where to get it, and the size and SHA-256 it must have.</summary>
/// <param name="Url">Absolute, or relative to the manifest's own address.</param>
/// <param name="Sha256">Lowercase hex.</param>
public sealed record UpdatePackage(Uri Url, long Size, string Sha256);

/// <summary>
/// The update feed's description of the latest release (manifest.json). It is trusted only after its detached
/// signature was checked against the pinned feed key; these rules then decide what it means for this PC.
/// </summary>
public sealed record UpdateManifest(
    SemanticVersion Version,
    DateTimeOffset ReleaseDate,
    DateTimeOffset ExpiresAt,
    SemanticVersion? MinimumSupportedVersion,
    IReadOnlyDictionary<string, UpdatePackage> Packages,
    LocalizedText Notes)
{
    /// <summary>A newer version than the one installed exists.</summary>
    public bool IsNewerThan(SemanticVersion installed) => Version > installed;

    /// <summary>
    /// The feed offers an older version than the one installed: a replayed old manifest (downgrade to a
    /// version with known flaws), refused even though its signature is good.
    /// </summary>
    public bool IsRollbackFrom(SemanticVersion installed) => Version < installed;

    /// <summary>The running version is below the minimum the bank still supports: the update is mandatory.</summary>
    public bool IsMandatoryFor(SemanticVersion running) =>
        MinimumSupportedVersion is not null && running < MinimumSupportedVersion;

    /// <summary>
    /// Past its expiry a manifest is refused, so an attacker who holds back new manifests (a freeze) can keep a
    /// PC on an old one only until then. The instant of expiry itself is already expired.
    /// </summary>
    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>The package for a runtime identifier such as <c>win-x64</c>, <c>linux-x64</c>, <c>osx-arm64</c>.</summary>
    public UpdatePackage? PackageFor(string rid) => Packages.GetValueOrDefault(rid);
}
