namespace CertPlatform.TestSupport;

/// <summary>
/// A test of what only Windows has (CNG keys, CurrentUser\My, certutil, icacls, the Windows Installer). Compiled
/// everywhere, skipped elsewhere with this reason; the windows-latest job of .github/workflows/platforms.yml runs it.
/// </summary>
public sealed class WindowsFactAttribute : FactAttribute
{
    public const string Reason = "Windows only (CNG keys, CurrentUser\\My, certutil, icacls): the windows-latest job of .github/workflows/platforms.yml runs it";

    public WindowsFactAttribute()
    {
        if (!OperatingSystem.IsWindows())
        {
            Skip = Reason;
        }
    }
}

/// <summary>A theory of what only Windows has; skipped elsewhere (see <see cref="WindowsFactAttribute"/>).</summary>
public sealed class WindowsTheoryAttribute : TheoryAttribute
{
    public WindowsTheoryAttribute()
    {
        if (!OperatingSystem.IsWindows())
        {
            Skip = WindowsFactAttribute.Reason;
        }
    }
}

/// <summary>
/// A test of the macOS keychain. It makes a keychain of its own and makes it the default keychain while it runs (the
/// login keychain is restored after), so it runs only where <c>CERTPLATFORM_PLATFORM_RUNNER=1</c> says the Mac is a
/// CI runner: the macos-latest job of .github/workflows/platforms.yml.
/// </summary>
public sealed class MacRunnerFactAttribute : FactAttribute
{
    public MacRunnerFactAttribute()
    {
        Skip = !OperatingSystem.IsMacOS()
            ? "macOS only (the keychain): the macos-latest job of .github/workflows/platforms.yml runs it"
            : PlatformRunner.IsRunner ? null : "Changes the default keychain while it runs: only on a CI runner (CERTPLATFORM_PLATFORM_RUNNER=1)";
    }
}

/// <summary>
/// A test that writes to the user's own CurrentUser\My store on Windows (the only store Edge and Chrome read), so it
/// runs only on a CI runner (<c>CERTPLATFORM_PLATFORM_RUNNER=1</c>); it removes what it added.
/// </summary>
public sealed class WindowsRunnerFactAttribute : FactAttribute
{
    public WindowsRunnerFactAttribute()
    {
        Skip = !OperatingSystem.IsWindows()
            ? WindowsFactAttribute.Reason
            : PlatformRunner.IsRunner ? null : "Writes to the user's CurrentUser\\My store: only on a CI runner (CERTPLATFORM_PLATFORM_RUNNER=1)";
    }
}

/// <summary>
/// A test of the .NET store under a private store name of its own. macOS has no such stores (only My, Root and
/// Disallowed, which are keychains), so it is skipped there; the keychain tests cover the Mac.
/// </summary>
public sealed class PrivateStoreFactAttribute : FactAttribute
{
    public const string Reason = "macOS has no private X509Store names (My is the login keychain): the keychain tests of tests/Platform.Tests cover it";

    public PrivateStoreFactAttribute()
    {
        if (OperatingSystem.IsMacOS())
        {
            Skip = Reason;
        }
    }
}

/// <summary>Whether this machine is a CI runner of the platform workflow, where a test may change the user's own stores.</summary>
public static class PlatformRunner
{
    public static bool IsRunner => Environment.GetEnvironmentVariable("CERTPLATFORM_PLATFORM_RUNNER") == "1";
}

/// <summary>A test of the software keys made off Windows; on Windows the CNG keys are tested by tests/Platform.Tests.</summary>
public sealed class NotWindowsFactAttribute : FactAttribute
{
    public NotWindowsFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Off Windows only: on Windows keys are CNG keys, which tests/Platform.Tests checks";
        }
    }
}

/// <summary>A theory of what happens off Windows; skipped on Windows (see <see cref="NotWindowsFactAttribute"/>).</summary>
public sealed class NotWindowsTheoryAttribute : TheoryAttribute
{
    public NotWindowsTheoryAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Off Windows only: on Windows keys are CNG keys, which tests/Platform.Tests checks";
        }
    }
}

/// <summary>A theory of the .NET store under a private store name; skipped on macOS (see <see cref="PrivateStoreFactAttribute"/>).</summary>
public sealed class PrivateStoreTheoryAttribute : TheoryAttribute
{
    public PrivateStoreTheoryAttribute()
    {
        if (OperatingSystem.IsMacOS())
        {
            Skip = PrivateStoreFactAttribute.Reason;
        }
    }
}
