namespace CertPlatform.Domain.Updates;

/// <summary>
/// An installed version that the launcher could not start (it exited early or never answered), and the version it
/// started instead. The update screen reports it (G411e), and the version is not offered again.
/// </summary>
/// <param name="Reason">What the launcher saw, for the log and the support bundle (no secret in it).</param>
public sealed record FailedStart(SemanticVersion Version, SemanticVersion RanInstead, DateTimeOffset At, string Reason);
