using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CertPlatform.ReleaseTool;
using CertPlatform.TestSupport;

namespace CertPlatform.Tools.Tests.Packaging;

/// <summary>
/// The manual's 1.2 on a real installation: the 1.0.0 package unpacked into a temporary prefix with its own HOME,
/// the bank's feed signed by the release tool and served by an HTTP server nobody here wrote (Python's), and the
/// API driven as the update screen drives it. 1.0.1, a mandatory update, is installed and runs after the restart,
/// which ends the G408e block; 1.0.2 does not
/// start, and the launcher falls back to 1.0.1, which says so (G411e).
/// </summary>
public sealed class UpdateEndToEndTests : IAsyncLifetime
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), $"certplatform-e2e-{Guid.NewGuid():N}");
    private readonly string _storeName = $"CertPlatformTest-{Guid.NewGuid():N}";
    private StaticFileServer? _feedServer;

    private string Feed => Path.Combine(_temp, "feed");

    private string Keys => Path.Combine(_temp, "keys");

    private string Home => Path.Combine(_temp, "home");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Home);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_feedServer is not null)
        {
            await _feedServer.DisposeAsync();
        }

        Directory.Delete(_temp, recursive: true);
    }

    [UpdatePackageFact]
    public async Task The_installed_app_updates_itself_restarts_into_the_new_version_and_falls_back_from_a_broken_one()
    {
        var prefix = await InstallTarballAsync();
        var launcher = Path.Combine(prefix, LinuxPackages.Name);
        Assert.Equal(0, ReleaseCommands.Run(["keygen", "--out", Keys], TextWriter.Null, TextWriter.Null, TimeProvider.System));
        _feedServer = await StaticFileServer.StartAsync(Feed);
        var port = LoopbackPort.Free();
        string[] settings =
        [
            $"--Updates:FeedUrl={_feedServer.Origin}/manifest.json",
            $"--Updates:PublicKeyPath={Path.Combine(Keys, ReleaseCommands.PublicKeyFile)}",
            "--Store:Kind=X509", $"--Store:Name={_storeName}",
        ];

        // 1.0.0 → 1.0.1, a mandatory update: issuance is refused (G408e); check, download with progress, install,
        // exit; the next start runs 1.0.1, and issuance works again: the block ends with the restart.
        Publish(LinuxPackages.NextVersion, LinuxPackages.NextUpdateZip, minimumVersion: LinuxPackages.NextVersion);
        await using (var app = InstalledApp.Start(launcher, Home, port, settings))
        {
            Assert.Equal(LinuxPackages.Version, (await app.WaitForStatusAsync()).GetProperty("version").GetString());
            using (var refused = await IssueAsync(app))
            {
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
                Assert.Equal("G408e", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            }

            await UpdateThroughTheScreenAsync(app, LinuxPackages.NextVersion, new FileInfo(LinuxPackages.NextUpdateZip).Length);
        }

        await using (var app = InstalledApp.Start(launcher, Home, port, settings))
        {
            Assert.Equal(LinuxPackages.NextVersion, (await app.WaitForStatusAsync()).GetProperty("version").GetString());
            using (var issued = await IssueAsync(app))
            {
                Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync());
            }

            using var client = app.Client();
            var screen = await client.GetFromJsonAsync<JsonElement>("updates");
            Assert.False(screen.GetProperty("available").GetBoolean());
            Assert.False(screen.TryGetProperty("failedVersion", out _));

            // 1.0.2 is signed and published, but its app cannot start (a file missing from the release).
            var broken = BrokenRelease();
            Publish(LinuxPackages.BrokenVersion, broken);
            await UpdateThroughTheScreenAsync(app, LinuxPackages.BrokenVersion, new FileInfo(broken).Length);
        }

        await using (var app = InstalledApp.Start(launcher, Home, port, settings))
        {
            Assert.Equal(LinuxPackages.NextVersion, (await app.WaitForStatusAsync()).GetProperty("version").GetString());
            using var client = app.Client();
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
            var screen = await client.GetFromJsonAsync<JsonElement>("updates");
            Assert.Equal(LinuxPackages.BrokenVersion, screen.GetProperty("failedVersion").GetString());
            Assert.Equal("G411e", screen.GetProperty("notice").GetProperty("code").GetString());
            Assert.StartsWith("新しいバージョンのアプリケーションを起動できなかったため、以前のバージョンで起動しました。", screen.GetProperty("notice").GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.False(screen.GetProperty("available").GetBoolean(), "the broken version is not offered again");
            await app.WaitForOutputAsync($"Version {LinuxPackages.BrokenVersion} did not start (exited with code");

            // The launcher cleans up once the version it started answers, then says which one runs.
            await app.WaitForOutputAsync($"launcher: Running version {LinuxPackages.NextVersion}.");
        }

        var versions = Path.Combine(InstalledApp.DefaultDataDirectory(Home), "app", "versions");
        Assert.Equal([LinuxPackages.NextVersion], Directory.GetDirectories(versions).Select(Path.GetFileName));
        Assert.Equal(LinuxPackages.NextVersion, File.ReadAllText(Path.Combine(versions, "..", "current")).Trim());
    }

    /// <summary>What the update screen does: check, 「ダウンロード」 with the progress bar, 「インストール」, 「終了する」.</summary>
    private static async Task UpdateThroughTheScreenAsync(InstalledApp app, string version, long size)
    {
        using var client = app.Client();
        var check = await client.GetFromJsonAsync<JsonElement>("updates");
        Assert.True(check.GetProperty("available").GetBoolean(), check.ToString());
        Assert.Equal(version, check.GetProperty("latest").GetString());

        using (var started = await client.PostAsync("updates/download", Json()))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        JsonElement progress;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        do
        {
            await Task.Delay(200);
            progress = await client.GetFromJsonAsync<JsonElement>("updates/download");
            Assert.NotEqual("failed", progress.GetProperty("state").GetString());
        }
        while (progress.GetProperty("state").GetString() != "completed" && DateTime.UtcNow < deadline);

        Assert.Equal("completed", progress.GetProperty("state").GetString());
        Assert.Equal(size, progress.GetProperty("totalBytes").GetInt64());
        Assert.Equal(size, progress.GetProperty("bytesReceived").GetInt64());

        using (var install = await client.PostAsync("updates/install", Json()))
        {
            var installed = await install.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(install.IsSuccessStatusCode, installed.ToString());
            Assert.Equal(version, installed.GetProperty("installedVersion").GetString());
            Assert.True(installed.GetProperty("restartRequired").GetBoolean());
        }

        using (var exit = await client.PostAsync("exit", Json()))
        {
            Assert.Equal(HttpStatusCode.Accepted, exit.StatusCode);
        }

        Assert.Equal(0, await app.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    private static StringContent Json() => new("{}", Encoding.UTF8, "application/json");

    private async Task<string> InstallTarballAsync()
    {
        var prefix = Path.Combine(_temp, "prefix");
        Directory.CreateDirectory(prefix);
        var (code, output) = await ExternalTool.Run("tar", "-xzf", LinuxPackages.Tarball, "-C", prefix);
        Assert.True(code == 0, output);
        return Path.Combine(prefix, $"{LinuxPackages.Name}-{LinuxPackages.Version}");
    }

    /// <summary>The bank's release step: the package beside a manifest signed with the feed key, URLs relative.</summary>
    private static async Task<HttpResponseMessage> IssueAsync(InstalledApp app)
    {
        using var client = app.Client();
        return await client.PostAsync(
            "certificates/issue", new StringContent("""{"loginId":"demo01","password":"Sandbox-Pass-01"}""", Encoding.UTF8, "application/json"));
    }

    private void Publish(string version, string package, string? minimumVersion = null)
    {
        var name = Path.GetFileName(package);
        File.Copy(package, Path.Combine(Feed, name), overwrite: true);
        var error = new StringWriter();
        var code = ReleaseCommands.Run(
            ["sign", "--key", Path.Combine(Keys, ReleaseCommands.PrivateKeyFile), "--version", version, "--out", Feed,
             "--package", Path.Combine(Feed, name), "--url", name, "--rid", "linux-x64",
             "--notes-ja", "修正", "--notes-en", "Fixes", .. minimumVersion is null ? Array.Empty<string>() : ["--min-version", minimumVersion]],
            TextWriter.Null, error, TimeProvider.System);
        Assert.True(code == 0, error.ToString());
    }

    /// <summary>
    /// The next release with a helper that ends as soon as it starts (as one built wrong, or missing a library, does):
    /// it installs (the entry point is there, executable) but never answers.
    /// </summary>
    private string BrokenRelease()
    {
        var path = Path.Combine(_temp, $"{LinuxPackages.Name}-{LinuxPackages.BrokenVersion}-linux-x64.update.zip");
        File.Copy(LinuxPackages.NextUpdateZip, path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        zip.GetEntry("CertPlatform.LocalHost")!.Delete();
        var broken = zip.CreateEntry("CertPlatform.LocalHost");
        broken.ExternalAttributes = (0x8000 | 0x1ED) << 16; // a regular file, rwxr-xr-x
        using var stream = broken.Open();
        stream.Write("#!/bin/sh\necho 'this build cannot start' >&2\nexit 70\n"u8);
        return path;
    }
}
