using CertPlatform.Domain.Updates;

namespace CertPlatform.Application.Ports;

/// <summary>
/// What outlives a version of the helper in the user's data folder: the highest version ever seen (so a rollback
/// manifest is refused even after an older package is reinstalled) and the versions the launcher could not start.
/// </summary>
public interface IVersionHistory
{
    /// <summary>The highest version this PC has run, installed or seen in a verified manifest; null before the first.</summary>
    SemanticVersion? HighestSeen { get; }

    /// <summary>Remembers <paramref name="version"/> when it is higher than <see cref="HighestSeen"/>.</summary>
    void RecordSeen(SemanticVersion version);

    /// <summary>The launcher's record of versions that failed to start, newest first.</summary>
    IReadOnlyList<FailedStart> FailedStarts { get; }
}
