using System.Reflection;

namespace CertPlatform.Tools.Tests.Packaging;

/// <summary>
/// The linux-x64 packages that <c>scripts/package.sh</c> built into <c>artifacts/packages/</c>: the test script builds
/// them once before the tests; run alone, the package tests skip and say how to build them.
/// </summary>
public static class LinuxPackages
{
    public const string Name = "certplatform";

    public static string Root => TestSupport.RepositoryRoot.Path;

    public static string Folder => Path.Combine(Root, "artifacts", "packages");

    public static string Version { get; } =
        typeof(LinuxPackages).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    public static string Deb => Path.Combine(Folder, $"{Name}_{Version}_amd64.deb");

    public static string Tarball => Path.Combine(Folder, $"{Name}-{Version}-linux-x64.tar.gz");

    /// <summary>The update zip of this build (what the feed offers and the updater unpacks).</summary>
    public static string UpdateZip => Path.Combine(Folder, $"{Name}-{Version}-linux-x64.update.zip");

    /// <summary>The next version's update zip, built by the test script for the end-to-end update test.</summary>
    public static string NextUpdateZip => Path.Combine(Root, "artifacts", "e2e", $"{Name}-{NextVersion}-linux-x64.update.zip");

    /// <summary>The patch release after this build's version (1.0.0 → 1.0.1).</summary>
    public static string NextVersion => Bump(Version, 1);

    /// <summary>The release after <see cref="NextVersion"/>, whose app fails to start in the test.</summary>
    public static string BrokenVersion => Bump(Version, 2);

    public static string? UpdateUnavailable =>
        Unavailable ?? (!File.Exists(NextUpdateZip)
            ? $"No {NextUpdateZip}: run ./scripts/package.sh --version {NextVersion} --update-only --out artifacts/e2e --feed-out artifacts/e2e/feed (./scripts/test.sh does)."
            : null);

    public static string? Unavailable =>
        !OperatingSystem.IsLinux() ? "The .deb and .tar.gz are built and checked on Linux."
        : !File.Exists(Deb) || !File.Exists(Tarball) ? $"No packages in {Folder}: run ./scripts/package.sh (./scripts/test.sh does)."
        : null;

    private static string Bump(string version, int by)
    {
        var parts = version.Split('.');
        return $"{parts[0]}.{parts[1]}.{int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) + by}";
    }
}

/// <summary>A fact about the built packages: skipped, with the way to build them, where there are none.</summary>
public sealed class PackageFactAttribute : FactAttribute
{
    public PackageFactAttribute() => Skip = LinuxPackages.Unavailable;
}

/// <summary>A fact about the installed package updating itself: needs the next version's update zip too.</summary>
public sealed class UpdatePackageFactAttribute : FactAttribute
{
    public UpdatePackageFactAttribute() => Skip = LinuxPackages.UpdateUnavailable;
}
