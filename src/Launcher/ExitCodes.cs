using CertPlatform.Domain.Launch;

namespace CertPlatform.Launcher;

/// <summary>The launcher's own exit codes; otherwise it exits with the helper's.</summary>
internal static class ExitCodes
{
    /// <summary>Bad settings (the message says which).</summary>
    public const int BadSettings = HelperExitCodes.StartRefused;

    /// <summary>The port is held by another program, or by a helper that is not this user's (G010e).</summary>
    public const int PortInUse = HelperExitCodes.PortInUse;

    /// <summary>No version could be started at all.</summary>
    public const int NothingStarted = 4;
}
