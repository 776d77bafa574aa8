using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CertPlatform.TestSupport;

namespace CertPlatform.Tools.Tests.Packaging;

/// <summary>The .deb and the .tar.gz as a customer gets them: what they hold, what Debian's checker says, and that the app runs from them with no .NET.</summary>
public sealed class LinuxPackageTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), $"certplatform-package-{Guid.NewGuid():N}");

    public LinuxPackageTests() => Directory.CreateDirectory(_temp);

    [PackageFact]
    public async Task The_deb_names_the_app_its_version_and_the_nss_tools_it_needs()
    {
        var (code, info) = await ExternalTool.Run("dpkg-deb", "--info", LinuxPackages.Deb);

        Assert.Equal(0, code);
        Assert.Contains($" Package: {LinuxPackages.Name}\n", info, StringComparison.Ordinal);
        Assert.Contains($" Version: {LinuxPackages.Version}\n", info, StringComparison.Ordinal);
        Assert.Contains(" Architecture: amd64\n", info, StringComparison.Ordinal);
        Assert.Matches(@"Depends: [^\n]*libnss3-tools", info);
        Assert.Contains("postinst", info, StringComparison.Ordinal);
    }

    [PackageFact]
    public async Task The_deb_installs_the_app_under_opt_a_command_on_path_a_menu_entry_and_an_icon()
    {
        var (code, contents) = await ExternalTool.Run("dpkg-deb", "--contents", LinuxPackages.Deb);

        Assert.Equal(0, code);
        Assert.Contains("./opt/certplatform/app/CertPlatform.LocalHost\n", contents, StringComparison.Ordinal);
        Assert.Matches(@"-rwxr-xr-x root/root .* \./opt/certplatform/app/CertPlatform\.Launcher\n", contents);
        Assert.Matches(@"-rwxr-xr-x root/root .* \./opt/certplatform/app/CertPlatform\.LocalHost\n", contents);
        Assert.Contains("./usr/bin/certplatform -> /opt/certplatform/certplatform", contents, StringComparison.Ordinal);
        Assert.Contains("./usr/share/applications/certplatform.desktop", contents, StringComparison.Ordinal);
        Assert.Contains("./usr/share/icons/hicolor/scalable/apps/certplatform.svg", contents, StringComparison.Ordinal);
        Assert.DoesNotContain(".pdb", contents, StringComparison.Ordinal);
        Assert.All(contents.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Equal("root/root", line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
    }

    [PackageFact]
    public async Task The_menu_entry_has_both_names_passes_the_url_and_claims_the_url_scheme()
    {
        var root = await ExtractDebAsync();

        var desktop = await File.ReadAllTextAsync(Path.Combine(root, "usr", "share", "applications", "certplatform.desktop"));

        Assert.Contains("\nName=CertPlatform Sandbox Bank Certificate App\n", desktop, StringComparison.Ordinal);
        Assert.Contains("\nName[ja]=CertPlatform サンドボックス銀行 証明書発行・更新アプリ\n", desktop, StringComparison.Ordinal);
        Assert.Contains("\nExec=/usr/bin/certplatform --Helper:OpenBrowser=true %u\n", desktop, StringComparison.Ordinal);
        Assert.Contains("\nMimeType=x-scheme-handler/certplatform;\n", desktop, StringComparison.Ordinal);
        var (code, output) = await ExternalTool.Run("desktop-file-validate", Path.Combine(root, "usr", "share", "applications", "certplatform.desktop"));
        Assert.True(code == 0, output);

        // The app reads launch URLs of the scheme the package registered.
        using var settings = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root, "opt", "certplatform", "app", "appsettings.json")));
        Assert.Equal("certplatform", settings.RootElement.GetProperty("Helper").GetProperty("UrlScheme").GetString());
    }

    [PackageFact]
    public async Task Lintian_finds_no_error_and_no_warning()
    {
        var (_, output) = await ExternalTool.Run("lintian", "--tag-display-limit", "0", LinuxPackages.Deb);

        var findings = output.Split('\n').Where(l => l.StartsWith("E: ", StringComparison.Ordinal) || l.StartsWith("W: ", StringComparison.Ordinal)).ToList();
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [PackageFact]
    public async Task The_packages_carry_no_private_key_no_test_secret_and_no_developer_path()
    {
        var root = await ExtractDebAsync();
        var tar = Path.Combine(_temp, "tar");
        Directory.CreateDirectory(tar);
        Assert.Equal(0, (await ExternalTool.Run("tar", "-xzf", LinuxPackages.Tarball, "-C", tar)).ExitCode);

        // A PEM private key (the redaction pattern that names one is no key), a test fixture's secret, a build path.
        var forbidden = new[] { "PRIVATE KEY-----\nMI", "PRIVATE KEY-----\r\nMI", "ticket-secret", "proxy-pass", LinuxPackages.Root };
        var found = Directory.EnumerateFiles(_temp, "*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).LinkTarget is null && !IsRuntimeFile(f))
            .SelectMany(f => forbidden.Where(s => Contains(f, s)).Select(s => $"{Path.GetRelativePath(_temp, f)}: {s}"))
            .ToList();

        Assert.Empty(found);
        Assert.DoesNotContain(Directory.EnumerateFiles(_temp, "*", SearchOption.AllDirectories),
            f => Path.GetExtension(f) is ".pfx" or ".p12" or ".key" or ".pem" or ".pdb");
        Assert.True(File.Exists(Path.Combine(root, "opt", "certplatform", "app", "appsettings.json")));
    }

    [PackageFact]
    public async Task The_tarball_holds_the_same_app_with_its_own_launcher_and_menu_entry()
    {
        var (code, listing) = await ExternalTool.Run("tar", "-tzvf", LinuxPackages.Tarball);

        Assert.Equal(0, code);
        var top = $"{LinuxPackages.Name}-{LinuxPackages.Version}/";
        Assert.Contains($"{top}certplatform\n", listing, StringComparison.Ordinal);
        Assert.Contains($"{top}app/CertPlatform.LocalHost\n", listing, StringComparison.Ordinal);
        Assert.Contains($"{top}certplatform.desktop\n", listing, StringComparison.Ordinal);
        Assert.All(listing.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Equal("0/0", line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
    }

    [PackageFact]
    public async Task The_installed_app_runs_through_its_launcher_with_no_dotnet_anywhere()
    {
        var root = await ExtractDebAsync();
        var home = Path.Combine(_temp, "home");

        // The bank's button passes a URL; settings keep the test's port and certificate store its own.
        await using var app = InstalledApp.Start(
            Path.Combine(root, "opt", "certplatform", "certplatform"), home, LoopbackPort.Free(),
            "certplatform://issue", "--Store:Kind=X509", $"--Store:Name=CertPlatformTest-{Guid.NewGuid():N}");
        var status = await app.WaitForStatusAsync();

        Assert.Equal(LinuxPackages.Version, status.GetProperty("version").GetString());
        Assert.Equal("Embedded", status.GetProperty("centerMode").GetString());
        await app.WaitForOutputAsync("launcher: Running version " + LinuxPackages.Version);
    }

    [PackageFact]
    public async Task The_installed_helper_is_compiled_ahead_of_time_and_speaks_every_json_of_its_api()
    {
        var root = await ExtractDebAsync();
        var app = Path.Combine(root, "opt", "certplatform", "app");
        var home = Path.Combine(_temp, "home");
        var nssdb = Path.Combine(_temp, "nssdb");

        // A native program (ELF), no assembly and no runtime beside it.
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(Path.Combine(app, "CertPlatform.LocalHost"))[..4]);
        Assert.Empty(Directory.GetFiles(app, "*.dll"));

        await using var helper = InstalledApp.Start(
            Path.Combine(root, "opt", "certplatform", "certplatform"), home, LoopbackPort.Free(),
            "--Store:Kind=Nss", $"--Store:NssDatabase={nssdb}", "--Store:FirefoxProfiles=false", "--Store:NssToolsDirectory=/usr/bin", "--Security:RateLimits:Password:PermitLimit=20");
        await helper.WaitForStatusAsync();
        using var client = helper.Client();

        // Validation (FluentValidation under ahead-of-time compilation) and the catalog's problem, with its field errors.
        using (var refused = await client.PostAsJsonAsync("certificates/issue", new { loginId = "", password = "x", keyAlgorithm = "ECDSA-P256" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("G006e", problem.GetProperty("code").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("loginId", out _), problem.ToString());
        }

        // An issuance into the NSS database, the answer's enums as strings.
        using (var issued = await client.PostAsJsonAsync("certificates/issue", new { loginId = "demo01", password = "Sandbox-Pass-01", keyAlgorithm = "ECDSA-P256" }))
        {
            var body = await issued.Content.ReadAsStringAsync();
            Assert.True(issued.StatusCode == HttpStatusCode.OK, body);
            var certificate = JsonDocument.Parse(body).RootElement;
            Assert.Equal("ECDSA-P256", certificate.GetProperty("keyAlgorithm").GetString());
            var (code, listing) = await ExternalTool.Run("certutil", "-L", "-d", $"sql:{nssdb}");
            Assert.Equal(0, code);
            Assert.Contains(certificate.GetProperty("commonName").GetString()!, listing, StringComparison.Ordinal);
        }

        // The OpenAPI document from the embedded file, naming the address it was fetched from.
        var document = await client.GetFromJsonAsync<JsonElement>(new Uri($"http://127.0.0.1:{helper.Port}/swagger/v1/swagger.json"));
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal($"http://127.0.0.1:{helper.Port}", document.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/certificates/issue", out _));

        // The support bundle: its settings found by reflection over the kept assemblies, the sandbox's among them.
        using var bundle = new ZipArchive(await client.GetStreamAsync("support/bundle"));
        using var summary = JsonDocument.Parse(await new StreamReader(bundle.GetEntry("summary.json")!.Open()).ReadToEndAsync());
        var settings = summary.RootElement.GetProperty("configuration").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("Store:Kind", settings);
        Assert.Contains(settings, key => key.StartsWith("Security:", StringComparison.Ordinal));
        Assert.Contains(settings, key => key.StartsWith("Sandbox:", StringComparison.Ordinal));
        using var certificates = JsonDocument.Parse(await new StreamReader(bundle.GetEntry("certificates.json")!.Open()).ReadToEndAsync());
        Assert.Equal(JsonValueKind.Array, certificates.RootElement.GetProperty("certificates").ValueKind);
    }

    [Theory]
    [InlineData("--version", "1.0", "--version must be X.Y.Z")]
    [InlineData("--scheme", "http://x", "--scheme must be a URL scheme")]
    [InlineData("--name", "Cert Platform", "--name must be a Debian package name")]
    [InlineData("--rid", "linux-arm", "--rid must be")]
    public async Task The_package_script_refuses_bad_parameters_before_building_anything(string option, string value, string message)
    {
        var (code, output) = await ExternalTool.Run(Path.Combine(LinuxPackages.Root, "scripts", "package.sh"), option, value, "--out", Path.Combine(_temp, "out"));

        Assert.Equal(2, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp, "out")));
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private async Task<string> ExtractDebAsync()
    {
        var root = Path.Combine(_temp, "root");
        if (!Directory.Exists(root))
        {
            var (code, output) = await ExternalTool.Run("dpkg-deb", "-x", LinuxPackages.Deb, root);
            Assert.True(code == 0, output);
        }

        return root;
    }

    /// <summary>The runtime's own binaries (from NuGet's runtime pack) are not ours to grep; our assemblies and files are.</summary>
    private static bool IsRuntimeFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)
            || name.StartsWith("lib", StringComparison.Ordinal) || name is "createdump" or "mscorlib.dll" or "netstandard.dll" or "WindowsBase.dll";
    }

    private static bool Contains(string path, string text)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
    }
}
