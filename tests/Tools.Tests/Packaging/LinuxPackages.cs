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

    public static string? Unavailable =>
        !OperatingSystem.IsLinux() ? "The .deb and .tar.gz are built and checked on Linux."
        : !File.Exists(Deb) || !File.Exists(Tarball) ? $"No packages in {Folder}: run ./scripts/package.sh (./scripts/test.sh does)."
        : null;
}

/// <summary>A fact about the built packages: skipped, with the way to build them, where there are none.</summary>
public sealed class PackageFactAttribute : FactAttribute
{
    public PackageFactAttribute() => Skip = LinuxPackages.Unavailable;
}
