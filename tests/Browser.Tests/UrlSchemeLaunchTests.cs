using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CertPlatform.TestSupport;
using Microsoft.Playwright;

namespace CertPlatform.Browser.Tests;

/// <summary>
/// The bank's button starting the installed app for real on Linux: the package's <c>.tar.gz</c> unpacked, its
/// <c>.desktop</c> entry registered as the <c>certplatform</c> scheme's handler in the test's own XDG folders
/// (<c>xdg-mime</c>), Chromium allowed by policy to hand the scheme from the bank's origin to the OS
/// (<c>AutoLaunchProtocolsFromOrigins</c>), the page a public site as a bank's is. Nothing runs before the click;
/// the app starts and opens its CCHK002; a second click starts no second server.
/// </summary>
[Collection(BrowserCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UrlSchemeLaunchTests(PlaywrightFixture playwright) : IAsyncLifetime
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), $"certplatform-scheme-{Guid.NewGuid():N}");
    private readonly int _helperPort = LoopbackPort.Free();
    private StaticFileServer? _pageServer;

    private string Home => Path.Combine(_temp, "home");

    private string DataDirectory => Path.Combine(_temp, "data");

    private string Opened => Path.Combine(_temp, "opened.txt");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Home);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var process in HelperProcesses())
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        if (_pageServer is not null)
        {
            await _pageServer.DisposeAsync();
        }

        Directory.Delete(_temp, recursive: true);
    }

    [UrlSchemeFact]
    public async Task The_banks_button_starts_the_installed_app_which_opens_CCHK002_and_a_second_press_starts_no_second_server()
    {
        var launcher = await InstallAsync();
        var environment = await RegisterHandlerAsync(launcher);
        _pageServer = await StaticFileServer.StartAsync(WritePage());
        var origin = _pageServer.Origin;
        using var policy = ChromiumPolicy.AutoLaunchProtocol(origin, "certplatform");
        await using var browser = await playwright.LaunchAsync(Home, [$"--ip-address-space-overrides=127.0.0.1:{_pageServer.Port}=public"], environment);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{origin}/index.html");
        Assert.Empty(HelperProcesses());

        await page.ClickAsync("#launch");
        await WaitForAsync(() => OpenedLines().Length == 1, "the app did not start and open its screen");

        Assert.Equal($"http://127.0.0.1:{_helperPort}/#issue", OpenedLines()[0]);
        Assert.Single(HelperProcesses());

        await page.ClickAsync("#launch");
        await WaitForAsync(() => OpenedLines().Length == 2, "the second press did not reach the running app");

        Assert.Equal($"http://127.0.0.1:{_helperPort}/#issue", OpenedLines()[1]);
        Assert.Single(HelperProcesses());
        Assert.Contains("already runs", await File.ReadAllTextAsync(Path.Combine(DataDirectory, "logs", "launcher.log")), StringComparison.Ordinal);
    }


    private static async Task WaitForAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(200);
        }
    }

    private string[] OpenedLines() =>
        File.Exists(Opened) ? File.ReadAllLines(Opened).Where(l => l.Length > 0).ToArray() : [];

    /// <summary>This test's helpers: the processes whose command line names its data folder.</summary>
    private List<Process> HelperProcesses()
    {
        var found = new List<Process>();
        foreach (var process in Process.GetProcesses())
        {
            try
            {
                var commandLine = File.ReadAllText($"/proc/{process.Id}/cmdline");
                if (commandLine.Contains(DataDirectory, StringComparison.Ordinal) && commandLine.Contains("CertPlatform.LocalHost", StringComparison.Ordinal))
                {
                    found.Add(process);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours.
            }
        }

        return found;
    }

    private async Task<string> InstallAsync()
    {
        var prefix = Path.Combine(_temp, "prefix");
        Directory.CreateDirectory(prefix);
        var (code, output) = await ExternalTool.Run("tar", "-xzf", InstalledPackage.Tarball, "-C", prefix);
        Assert.True(code == 0, output);
        return Path.Combine(prefix, $"certplatform-{InstalledPackage.Version}");
    }

    /// <summary>
    /// The package's .desktop entry, its Exec pointed at the unpacked launcher with the test's port, folders and
    /// "browser" (a script that writes down what it is asked to open), registered as the scheme's handler.
    /// </summary>
    private async Task<Dictionary<string, string>> RegisterHandlerAsync(string installed)
    {
        var recorder = Path.Combine(_temp, "browser.sh");
        await File.WriteAllTextAsync(recorder, $"#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{Opened}'\n");
        File.SetUnixFileMode(recorder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var applications = Path.Combine(_temp, "xdg-data", "applications");
        Directory.CreateDirectory(applications);
        var exec = $"Exec={Path.Combine(installed, "certplatform")} --Helper:Port={_helperPort} --Helper:DataDirectory={DataDirectory} " +
            $"--Helper:BrowserCommand={recorder} --Store:Kind=X509 --Store:Name=CertPlatformTest-{Guid.NewGuid():N} %u";
        var desktop = (await File.ReadAllLinesAsync(Path.Combine(installed, "certplatform.desktop")))
            .Select(line => line.StartsWith("Exec=", StringComparison.Ordinal) ? exec : line);
        await File.WriteAllLinesAsync(Path.Combine(applications, "certplatform-test.desktop"), desktop);

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["XDG_DATA_HOME"] = Path.Combine(_temp, "xdg-data"),
            ["XDG_CONFIG_HOME"] = Path.Combine(_temp, "xdg-config"),
            // xdg-open hands a URL to its scheme's handler only when it believes a desktop is there.
            ["DISPLAY"] = ":99",
        };
        Directory.CreateDirectory(environment["XDG_CONFIG_HOME"]);
        foreach (var command in new[] { new[] { "update-desktop-database", applications }, ["xdg-mime", "default", "certplatform-test.desktop", "x-scheme-handler/certplatform"] })
        {
            var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in command[1..])
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["HOME"] = Home;
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            using var process = Process.Start(start)!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{command[0]}: {error}");
        }

        return environment;
    }

    /// <summary>A stand-in for the bank's page (served by Python's http.server): a button that calls the bank kit's launch().</summary>
    private string WritePage()
    {
        var site = Path.Combine(_temp, "site");
        Directory.CreateDirectory(site);
        File.Copy(Path.Combine(RepositoryRoot.Path, "src", "Sandbox", "Bank", "wwwroot", "js", "certplatform-bank.js"), Path.Combine(site, "certplatform-bank.js"));
        File.WriteAllText(Path.Combine(site, "index.html"), """
            <!doctype html>
            <html lang="ja"><head><meta charset="utf-8"><title>BSMS001</title>
            <script type="module">
              import { launch } from './certplatform-bank.js';
              document.getElementById('launch').addEventListener('click', () => launch('certplatform', 'issue'));
            </script></head>
            <body><button id="launch">証明書発行アプリの起動</button></body></html>
            """);
        return site;
    }
}

/// <summary>The linux-x64 package scripts/package.sh built (test.sh builds it before the tests).</summary>
internal static class InstalledPackage
{
    public static string Version { get; } =
        typeof(InstalledPackage).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion.Split('+')[0];

    public static string Tarball => Path.Combine(RepositoryRoot.Path, "artifacts", "packages", $"certplatform-{Version}-linux-x64.tar.gz");
}

/// <summary>The real URL-scheme launch: a browser test that writes a machine-wide policy (root) and needs the built package and xdg-utils.</summary>
public sealed class UrlSchemeFactAttribute : FactAttribute
{
    public UrlSchemeFactAttribute()
    {
        Skip = BrowserFactAttribute.Unavailable
            ?? (Environment.UserName == "root" ? null : "Writing the Chromium policy in /etc/chromium/policies/managed needs root; run the tests as root (CI does).")
            ?? (File.Exists(InstalledPackage.Tarball) ? null : $"No {InstalledPackage.Tarball}: run ./scripts/package.sh (./scripts/test.sh does).")
            ?? (File.Exists("/usr/bin/xdg-mime") ? null : "xdg-mime not found: install xdg-utils (scripts/install-test-deps.sh does).");
    }
}
