using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CertPlatform.Browser.Tests;

/// <summary>BSMS001 and the top page: the bank's pages find the helper on this PC (CORS from the bank's origin) and open it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BankPagesTests(PlaywrightFixture playwright)
{
    [BrowserFact]
    public async Task BSMS001_finds_the_running_helper_and_opens_its_screen()
    {
        var bank = new SandboxBankSite();
        await using var journey = await BrowserJourney.StartAsync(playwright, bank.HelperSettings());
        await SandboxBankSite.TrustTheSandboxRootAsync(journey);
        var page = await journey.RestartBrowserAsync();

        await page.GotoAsync(bank.LoginPage);
        await page.ClickAsync("#acquire-link");
        await Expect(page.Locator(".screen-id")).ToHaveTextAsync("BSMS001");
        await page.ClickAsync("#login-id-button");
        await Expect(page.Locator("#login-id-info")).ToBeVisibleAsync();

        var helperPage = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync("#launch-helper"));
        await Expect(page.Locator("#launch-status")).ToContainTextAsync("起動しています");
        await journey.ScreenshotAsync("bsms001");
        await helperPage.WaitForLoadStateAsync();
        Assert.Equal(journey.Helper.Url, helperPage.Url);
        await Expect(helperPage.Locator("#main-heading")).ToHaveTextAsync("証明書取得");
    }

    [BrowserFact]
    public async Task A_public_bank_page_with_local_network_access_granted_finds_the_running_app_and_opens_it()
    {
        var bank = new SandboxBankSite();
        await using var journey = await BrowserJourney.StartAsync(playwright, bank.HelperSettings());
        var page = await AsPublicSiteAsync(journey, bank, "granted");

        await page.GotoAsync(bank.AcquirePage);
        Assert.True(await ReachesAsync(page, journey.Helper.Url + "api/v1/status"), "with the permission the page reaches the helper");
        var helperPage = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync("#launch-helper"));

        await Expect(page.Locator("#launch-status")).ToHaveAttributeAsync("data-state", "running");
        await helperPage.WaitForLoadStateAsync();
        Assert.Equal(journey.Helper.Url, helperPage.Url);
    }

    [BrowserFact]
    public async Task A_public_bank_page_without_the_permission_explains_it_and_never_says_install()
    {
        var bank = new SandboxBankSite();
        await using var journey = await BrowserJourney.StartAsync(playwright, bank.HelperSettings());
        var page = await AsPublicSiteAsync(journey, bank, "denied");
        await page.GotoAsync(bank.AcquirePage);

        // The block is real: the page cannot reach the running helper.
        Assert.False(await ReachesAsync(page, journey.Helper.Url + "api/v1/status"), "Chromium let a public page reach loopback without the permission");

        await page.ClickAsync("#launch-helper");

        var status = page.Locator("#launch-status");
        await Expect(status).ToHaveAttributeAsync("data-state", "permission-denied");
        await Expect(status).ToContainTextAsync("ローカル ネットワーク");
        await Expect(status).Not.ToContainTextAsync("インストール");
        await journey.ScreenshotAsync("bsms001-lna-denied");
    }

    private static Task<bool> ReachesAsync(IPage page, string url) =>
        page.EvaluateAsync<bool>("async (url) => { try { await fetch(url, { mode: 'cors' }); return true; } catch { return false; } }", url);

    /// <summary>
    /// Chromium treats the sandbox bank as the public site a real bank is (Local Network Access applies), and the
    /// user's answer to the permission is set as a person would give it.
    /// </summary>
    private static async Task<IPage> AsPublicSiteAsync(BrowserJourney journey, SandboxBankSite bank, string setting)
    {
        await SandboxBankSite.TrustTheSandboxRootAsync(journey);
        journey.BrowserArguments = [$"--ip-address-space-overrides=127.0.0.1:{bank.Port}=public"];
        var page = await journey.RestartBrowserAsync();
        // Playwright's page lives in a browser context of its own: the permission is set there.
        var cdp = await journey.Browser.NewBrowserCDPSessionAsync();
        var contexts = await cdp.SendAsync("Target.getBrowserContexts");
        foreach (var context in contexts!.Value.GetProperty("browserContextIds").EnumerateArray())
        {
            // Chromium 156 gates a request to loopback by "loopback-network"; earlier ones used the other two names.
            foreach (var name in new[] { "loopback-network", "local-network", "local-network-access" })
            {
                await cdp.SendAsync("Browser.setPermission", new Dictionary<string, object>
                {
                    ["permission"] = new Dictionary<string, object> { ["name"] = name },
                    ["setting"] = setting,
                    ["origin"] = bank.Origin,
                    ["browserContextId"] = context.GetString()!,
                });
            }
        }

        return page;
    }

    [BrowserFact]
    public async Task The_download_page_offers_the_package_for_this_pc_with_its_size_and_sha256_and_the_others()
    {
        var bank = new SandboxBankSite();
        var folder = Directory.CreateTempSubdirectory("certplatform-browser-downloads-").FullName;
        try
        {
            var deb = Path.Combine(folder, "certplatform_1.0.0_amd64.deb");
            await File.WriteAllTextAsync(deb, "a deb package");
            await File.WriteAllTextAsync(Path.Combine(folder, "certplatform-1.0.0-win-x64.msi"), "an msi package");
            await File.WriteAllTextAsync(Path.Combine(folder, "certplatform-1.0.0-osx-arm64.app.zip"), "an app bundle");
            await using var journey = await BrowserJourney.StartAsync(playwright, bank.HelperSettings(new Dictionary<string, string> { ["Sandbox:Downloads:Directory"] = folder }));
            await SandboxBankSite.TrustTheSandboxRootAsync(journey);
            var page = await journey.RestartBrowserAsync();

            await page.GotoAsync(bank.AcquirePage);
            await page.ClickAsync("#download-link");

            // Headless Chromium here runs on Linux: the .deb comes first.
            await Expect(page.Locator("#download-primary")).ToHaveAttributeAsync("data-platform", "linux-deb");
            await Expect(page.Locator("#download-sha256")).ToHaveTextAsync(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(deb))));
            await Expect(page.Locator("#download-size")).ToContainTextAsync("13 bytes");
            await Expect(page.Locator("#download-others li")).ToHaveCountAsync(2);
            await journey.ScreenshotAsync("bsms001-download");
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-primary"));
            Assert.Equal("certplatform_1.0.0_amd64.deb", download.SuggestedFilename);
            Assert.Equal("a deb package", await File.ReadAllTextAsync(await download.PathAsync()));

            // The platform from User-Agent Client Hints, else the User-Agent, as other visitors' browsers send them.
            Assert.Equal("windows", await page.EvaluateAsync<string>("async () => (await import('./js/download.js')).platformOf({ platform: 'Windows' }, '')"));
            Assert.Equal("macos", await page.EvaluateAsync<string>("async () => (await import('./js/download.js')).platformOf(undefined, 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15')"));
            Assert.Equal("linux", await page.EvaluateAsync<string>("async () => (await import('./js/download.js')).platformOf(undefined, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0')"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [BrowserFact]
    public async Task The_top_page_logged_out_leads_back_to_the_login_page()
    {
        var bank = new SandboxBankSite();
        await using var journey = await BrowserJourney.StartAsync(playwright, bank.HelperSettings());
        await SandboxBankSite.TrustTheSandboxRootAsync(journey);
        var page = await journey.RestartBrowserAsync();

        await page.GotoAsync($"{bank.Origin}/bank/top.html");

        await Expect(page.Locator("#top-loading")).ToHaveTextAsync("ログインしていません。");
        await page.ClickAsync("#signed-out a");
        await Expect(page.Locator(".screen-id")).ToHaveTextAsync("BLGI001");
    }

    [BrowserFact]
    public async Task A_wrong_password_on_BLGI001_shows_the_code_and_the_remedy_in_english_too()
    {
        var bank = new SandboxBankSite();
        await using var journey = await BrowserJourney.StartAsync(playwright, bank.HelperSettings());
        await SandboxBankSite.TrustTheSandboxRootAsync(journey);
        var page = await journey.RestartBrowserAsync();
        await page.GotoAsync(bank.LoginPage);
        await page.ClickAsync("#lang-switch");
        await Expect(page.Locator("#certificate-login")).ToHaveTextAsync("Log in with certificate");

        await page.FillAsync("#login-id", "demo01");
        await page.FillAsync("#password", "Wrong-Pass-01");
        await page.ClickAsync("#password-login");

        await Expect(page.Locator("#login-problem-code")).ToHaveTextAsync("G101e");
        await Expect(page.Locator("#login-problem-title")).ToContainTextAsync("login ID");
        await Expect(page.Locator("#login-problem-remedy")).Not.ToBeEmptyAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await journey.ScreenshotAsync("english-error");
    }
}
