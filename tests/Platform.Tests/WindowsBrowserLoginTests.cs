using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPlatform.Infrastructure.Stores;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Microsoft.Win32;
using static Microsoft.Playwright.Assertions;

namespace CertPlatform.Platform.Tests;

/// <summary>
/// The point of the product on Windows: the certificate the helper put into CurrentUser\My logs demo01 in to the
/// sandbox bank's BLGI001 in Edge and in Chrome, which read that store and sign with its non-exportable CNG key. The
/// <c>AutoSelectCertificateForUrls</c> policy (the user's policy key, removed after) selects it by the sandbox CA's CN
/// (a headless browser cannot show the picker). The browser is told to accept the sandbox's server certificate
/// (Playwright's IgnoreHTTPSErrors): trusting the sandbox root in CurrentUser\Root would show Windows' confirmation
/// dialog, which nobody can click on a runner. The client certificate is chosen and proved in the same handshake.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsBrowserLoginTests : IDisposable
{
    private const string SandboxIssuerCommonName = "CertPlatform Sandbox CA - G1";

    private readonly string _home = Directory.CreateTempSubdirectory("certplatform-browser-").FullName;
    private string? _thumbprint;

    public void Dispose()
    {
        if (_thumbprint is not null)
        {
            new X509CertificateStore(Options.Create(new StoreOptions { Name = "My" })).Remove(_thumbprint);
        }

        Directory.Delete(_home, recursive: true);
    }

    [WindowsBrowserFact(WindowsBrowser.Edge)]
    public Task In_Edge_the_certificate_the_helper_stored_logs_demo01_in_to_BLGI001() => LogInAsync(WindowsBrowser.Edge);

    [WindowsBrowserFact(WindowsBrowser.Chrome)]
    public Task In_Chrome_the_certificate_the_helper_stored_logs_demo01_in_to_BLGI001() => LogInAsync(WindowsBrowser.Chrome);

    private async Task LogInAsync(WindowsBrowser browser)
    {
        _thumbprint = await StoredCertificate.IssueAsync(_home, "My", "RSA-2048");
        string commonName;
        using (var stored = StoredCertificate.Find("My", _thumbprint))
        {
            commonName = stored.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        }

        var (helper, origin) = await StoredCertificate.StartWithSandboxBankAsync(_home, "My");
        await using var running = helper;
        using var policy = AutoSelectPolicy.Write(browser, origin, SandboxIssuerCommonName);
        using var playwright = await Playwright.CreateAsync();
        await using var launched = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = WindowsBrowserFactAttribute.PathOf(browser),
            Headless = true,
            Args = ["--no-first-run", "--disable-sync", "--disable-component-update"],
            Timeout = 60_000,
        });
        var context = await launched.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true, Locale = "ja-JP" });
        var page = await context.NewPageAsync();

        await page.GotoAsync($"{origin}/bank/");
        await Expect(page.Locator(".screen-id")).ToHaveTextAsync("BLGI001");
        await page.ClickAsync("#certificate-login");
        await page.WaitForURLAsync($"{origin}/bank/top.html", new PageWaitForURLOptions { Timeout = 30_000 });
        await Expect(page.Locator("#certificate-cn")).ToHaveTextAsync(commonName);
        await Expect(page.Locator("#login-method")).ToHaveTextAsync("電子証明書");
    }

    /// <summary>The browser's <c>AutoSelectCertificateForUrls</c> list under HKCU\Software\Policies, one value of ours, removed on dispose.</summary>
    private sealed class AutoSelectPolicy : IDisposable
    {
        private readonly string _keyPath;
        private readonly string _valueName;
        private readonly bool _createdKey;

        private AutoSelectPolicy(string keyPath, string valueName, bool createdKey)
        {
            _keyPath = keyPath;
            _valueName = valueName;
            _createdKey = createdKey;
        }

        public static AutoSelectPolicy Write(WindowsBrowser browser, string origin, string issuerCommonName)
        {
            var keyPath = (browser == WindowsBrowser.Edge ? @"Software\Policies\Microsoft\Edge" : @"Software\Policies\Google\Chrome") + @"\AutoSelectCertificateForUrls";
            bool createdKey;
            using (var existing = Registry.CurrentUser.OpenSubKey(keyPath))
            {
                createdKey = existing is null;
            }

            using var key = Registry.CurrentUser.CreateSubKey(keyPath, writable: true);

            // A list policy is the values "1", "2", ...: ours goes after the last one there.
            var next = key.GetValueNames().Select(n => int.TryParse(n, out var i) ? i : 0).DefaultIfEmpty(0).Max() + 1;
            var valueName = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
            key.SetValue(valueName, JsonSerializer.Serialize(new { pattern = origin, filter = new { ISSUER = new { CN = issuerCommonName } } }), RegistryValueKind.String);
            return new AutoSelectPolicy(keyPath, valueName, createdKey);
        }

        public void Dispose()
        {
            if (_createdKey)
            {
                Registry.CurrentUser.DeleteSubKeyTree(_keyPath, throwOnMissingSubKey: false);
                return;
            }

            using var key = Registry.CurrentUser.OpenSubKey(_keyPath, writable: true);
            key?.DeleteValue(_valueName, throwOnMissingValue: false);
        }
    }
}

public enum WindowsBrowser
{
    Edge,
    Chrome,
}

/// <summary>
/// A browser login test on Windows: it puts a certificate into the user's CurrentUser\My (the store the browsers read),
/// so it runs only on a CI runner (<c>CERTPLATFORM_PLATFORM_RUNNER=1</c>), and only where the browser is installed
/// (windows-latest has Edge and Chrome).
/// </summary>
public sealed class WindowsBrowserFactAttribute : FactAttribute
{
    public WindowsBrowserFactAttribute(WindowsBrowser browser)
    {
        Skip = !OperatingSystem.IsWindows() ? WindowsFactAttribute.Reason
            : !PlatformRunner.IsRunner ? "Writes to the user's CurrentUser\\My store and browser policy: only on a CI runner (CERTPLATFORM_PLATFORM_RUNNER=1)"
            : PathOf(browser) is null ? $"{browser} is not installed here"
            : null;
    }

    public static string? PathOf(WindowsBrowser browser)
    {
        var relative = browser == WindowsBrowser.Edge ? @"Microsoft\Edge\Application\msedge.exe" : @"Google\Chrome\Application\chrome.exe";
        return new[] { Environment.SpecialFolder.ProgramFilesX86, Environment.SpecialFolder.ProgramFiles, Environment.SpecialFolder.LocalApplicationData }
            .Select(folder => Path.Combine(Environment.GetFolderPath(folder), relative))
            .FirstOrDefault(File.Exists);
    }
}
