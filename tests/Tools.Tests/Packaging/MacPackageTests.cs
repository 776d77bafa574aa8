using System.IO.Compression;
using System.Text.Json;
using CertPlatform.TestSupport;

namespace CertPlatform.Tools.Tests.Packaging;

/// <summary>
/// The zipped .app as the bank's Mac pipeline receives it to sign and notarize: the bundle's layout, its Info.plist
/// (read with Python's plistlib) and the executables' modes. Running it needs macOS.
/// </summary>
public sealed class MacPackageTests : IDisposable
{
    private const string Bundle = "CertPlatform Sandbox Bank Certificate App.app";

    private readonly string _temp = Path.Combine(Path.GetTempPath(), $"certplatform-app-{Guid.NewGuid():N}");

    [AppBundleFact]
    public void The_bundle_holds_the_launcher_the_app_and_its_runtime()
    {
        using var zip = ZipFile.OpenRead(OtherPlatformPackages.AppZip);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains($"{Bundle}/Contents/Info.plist", names);
        Assert.Contains($"{Bundle}/Contents/MacOS/CertPlatform.Launcher", names);
        Assert.Contains($"{Bundle}/Contents/MacOS/CertPlatform.LocalHost", names);
        Assert.Contains($"{Bundle}/Contents/MacOS/CertPlatform.LocalHost.dll", names);
        Assert.Contains($"{Bundle}/Contents/MacOS/libcoreclr.dylib", names);
        Assert.Contains($"{Bundle}/Contents/Resources/ja.lproj/InfoPlist.strings", names);
        Assert.All(names, n => Assert.StartsWith($"{Bundle}/Contents/", n, StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.EndsWith(".pdb", StringComparison.Ordinal) || n.EndsWith(".pem", StringComparison.Ordinal));

        // rwxr-xr-x in the zip's Unix attributes: Finder and ditto keep them.
        foreach (var executable in new[] { "CertPlatform.Launcher", "CertPlatform.LocalHost" })
        {
            var mode = (zip.GetEntry($"{Bundle}/Contents/MacOS/{executable}")!.ExternalAttributes >> 16) & 0x1FF;
            Assert.Equal(0x1ED, mode);
        }
    }

    [AppBundleFact]
    public async Task Info_plist_names_the_bundle_its_version_the_launcher_and_the_url_scheme()
    {
        Directory.CreateDirectory(_temp);
        ZipFile.ExtractToDirectory(OtherPlatformPackages.AppZip, _temp);
        var plistPath = Path.Combine(_temp, Bundle, "Contents", "Info.plist");

        var (code, json) = await ExternalTool.Run("python3", "-c",
            "import json, plistlib, sys; print(json.dumps(plistlib.load(open(sys.argv[1], 'rb')), ensure_ascii=False))", plistPath);

        Assert.True(code == 0, json);
        var plist = JsonDocument.Parse(json).RootElement;
        Assert.Equal("example.certplatform.certplatform", plist.GetProperty("CFBundleIdentifier").GetString());
        Assert.Equal(LinuxPackages.Version, plist.GetProperty("CFBundleShortVersionString").GetString());
        Assert.Equal(LinuxPackages.Version, plist.GetProperty("CFBundleVersion").GetString());
        Assert.Equal("CertPlatform.Launcher", plist.GetProperty("CFBundleExecutable").GetString());
        Assert.Equal("APPL", plist.GetProperty("CFBundlePackageType").GetString());
        Assert.Equal("CertPlatform Sandbox Bank Certificate App", plist.GetProperty("CFBundleDisplayName").GetString());
        var urlType = Assert.Single(plist.GetProperty("CFBundleURLTypes").EnumerateArray());
        Assert.Equal(["certplatform"], urlType.GetProperty("CFBundleURLSchemes").EnumerateArray().Select(s => s.GetString()));
        Assert.True(File.Exists(Path.Combine(_temp, Bundle, "Contents", "MacOS", plist.GetProperty("CFBundleExecutable").GetString()!)));
        var strings = await File.ReadAllTextAsync(Path.Combine(_temp, Bundle, "Contents", "Resources", "ja.lproj", "InfoPlist.strings"));
        Assert.Contains("\"CFBundleDisplayName\" = \"CertPlatform サンドボックス銀行 証明書発行・更新アプリ\";", strings, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }
}
