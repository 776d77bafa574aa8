using CertPlatform.Domain.Updates;

namespace CertPlatform.Launcher;

/// <summary>One version the launcher may start: its folder and whether it came with the package.</summary>
internal sealed record LaunchCandidate(SemanticVersion Version, string Directory, bool Packaged);

/// <summary>
/// Which versions to try, in order: the installed updates newer than the packaged app, newest first, up to the
/// one <c>current</c> names and leaving out those that failed to start before; then the packaged app, which is
/// always last and always there.
/// </summary>
internal static class LaunchPlan
{
    public static IReadOnlyList<LaunchCandidate> Order(
        LaunchCandidate packaged,
        IEnumerable<SemanticVersion> installed,
        SemanticVersion? current,
        IEnumerable<FailedStart> failures,
        Func<SemanticVersion, string> directoryOf,
        Func<string, bool> isComplete)
    {
        ArgumentNullException.ThrowIfNull(packaged);
        var failed = failures.Select(f => f.Version).ToHashSet();
        var candidates = installed
            .Where(v => v > packaged.Version && (current is null || v <= current) && !failed.Contains(v))
            .OrderDescending()
            .Select(v => new LaunchCandidate(v, directoryOf(v), Packaged: false))
            .Where(c => isComplete(c.Directory))
            .ToList();
        candidates.Add(packaged);
        return candidates;
    }

    /// <summary>
    /// The installed versions to remove once <paramref name="started"/> runs: all but it and the one before it
    /// (the fallback should it fail later), failed ones included.
    /// </summary>
    public static IReadOnlyList<SemanticVersion> Obsolete(SemanticVersion started, IReadOnlyList<SemanticVersion> installed, IEnumerable<FailedStart> failures)
    {
        ArgumentNullException.ThrowIfNull(installed);
        var failed = failures.Select(f => f.Version).ToHashSet();
        var previous = installed.Where(v => v < started && !failed.Contains(v)).OrderDescending().FirstOrDefault();
        return installed.Where(v => v != started && v != previous).ToList();
    }
}
