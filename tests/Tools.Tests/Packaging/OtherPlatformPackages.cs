namespace CertPlatform.Tools.Tests.Packaging;

/// <summary>The Windows .msi and the macOS .app that <c>scripts/package.sh --rid all</c> built on this Linux machine.</summary>
public static class OtherPlatformPackages
{
    public static string Msi => Path.Combine(LinuxPackages.Folder, $"{LinuxPackages.Name}-{LinuxPackages.Version}-win-x64.msi");

    public static string AppZip => Path.Combine(LinuxPackages.Folder, $"{LinuxPackages.Name}-{LinuxPackages.Version}-osx-arm64.app.zip");

    public static string? MsiUnavailable =>
        !File.Exists(Msi) ? $"No {Msi}: run ./scripts/package.sh --rid win-x64 (./scripts/test.sh does)."
        : !OnPath("msiinfo") ? "msiinfo (msitools) is not installed: scripts/install-test-deps.sh installs it."
        : null;

    public static string? AppUnavailable =>
        !File.Exists(AppZip) ? $"No {AppZip}: run ./scripts/package.sh --rid osx-arm64 (./scripts/test.sh does)."
        : !OnPath("python3") ? "python3 (plistlib) is not installed: scripts/install-test-deps.sh installs it."
        : null;

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, tool)));
}

/// <summary>A fact about the built .msi, read back with msitools.</summary>
public sealed class MsiFactAttribute : FactAttribute
{
    public MsiFactAttribute() => Skip = OtherPlatformPackages.MsiUnavailable;
}

/// <summary>A fact about the built .app bundle.</summary>
public sealed class AppBundleFactAttribute : FactAttribute
{
    public AppBundleFactAttribute() => Skip = OtherPlatformPackages.AppUnavailable;
}
