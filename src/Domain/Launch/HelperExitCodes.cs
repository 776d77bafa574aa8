namespace CertPlatform.Domain.Launch;

/// <summary>Exit codes the helper and its launcher share, so the launcher can tell a busy port from a broken version.</summary>
public static class HelperExitCodes
{
    /// <summary>The helper's port is held by another program (G010e): no fault of the version that was started.</summary>
    public const int PortInUse = 3;

    /// <summary>The helper refused to start for a reason the user can act on (a file, a setting): no fault of the version either.</summary>
    public const int StartRefused = 2;
}
