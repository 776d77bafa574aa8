namespace CertPlatform.Infrastructure.Hosting;

/// <summary>
/// The helper will not start, for a reason the user or support staff can act on (a file to restore, a setting to
/// give): the start says it in one line and exits with <see cref="ExitCode"/>, without a stack trace. The message names
/// paths and settings, never a secret.
/// </summary>
public sealed class StartupRefusal(string message) : Exception(message)
{
    /// <summary>The exit code of a refused start (the launcher's "bad settings").</summary>
    public const int ExitCode = Domain.Launch.HelperExitCodes.StartRefused;
}
