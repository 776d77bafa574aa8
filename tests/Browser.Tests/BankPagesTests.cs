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
