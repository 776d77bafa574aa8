using static Microsoft.Playwright.Assertions;

namespace CertPlatform.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class LanguageTests(PlaywrightFixture playwright)
{
    [BrowserFact]
    public async Task English_is_one_click_away_and_remembered_across_a_reload()
    {
        await using var journey = await BrowserJourney.StartAsync(playwright);
        var page = journey.Page;
        await journey.OpenHelperAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");

        await page.ClickAsync("#lang-switch");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("#main-heading")).ToHaveTextAsync("Certificates");
        await Expect(page.Locator("#issue-button")).ToHaveTextAsync("Issue certificate");
        await Expect(page.Locator("#lang-switch")).ToHaveTextAsync("日本語");

        await page.ReloadAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("#main-heading")).ToHaveTextAsync("Certificates");
        await journey.ScreenshotAsync("english");

        await page.ClickAsync("#lang-switch");
        await Expect(page.Locator("#main-heading")).ToHaveTextAsync("証明書取得");
    }

    [BrowserFact]
    public async Task Errors_come_in_the_chosen_language()
    {
        await using var journey = await BrowserJourney.StartAsync(playwright);
        var page = journey.Page;
        await journey.OpenHelperAsync();
        await page.ClickAsync("#lang-switch");
        await page.ClickAsync("#issue-button");

        await page.FillAsync("#login-id", "demo01");
        await page.FillAsync("#password", "Wrong-Pass-01");
        await page.ClickAsync("#auth-issue-button");

        var problem = page.Locator("section[data-screen=auth-issue] [data-problem]");
        await Expect(problem.Locator(".problem-code")).ToHaveTextAsync("G101e");
        await Expect(problem.Locator(".problem-title")).ToContainTextAsync("login ID");
        await journey.ScreenshotAsync("english-error");
    }
}
