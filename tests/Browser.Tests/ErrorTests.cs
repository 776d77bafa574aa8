using static Microsoft.Playwright.Assertions;

namespace CertPlatform.Browser.Tests;

/// <summary>What the user sees when the center says no: the code, the message and what to do, never a stack trace.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ErrorTests(PlaywrightFixture playwright)
{
    [BrowserFact]
    public async Task A_wrong_password_is_shown_on_CCHK002_with_its_code_and_remedy_and_the_password_is_cleared()
    {
        await using var journey = await BrowserJourney.StartAsync(playwright);
        var page = journey.Page;
        await journey.OpenHelperAsync();
        await page.ClickAsync("#issue-button");

        await page.FillAsync("#login-id", "demo01");
        await page.FillAsync("#password", "Wrong-Pass-01");
        await page.ClickAsync("#auth-issue-button");

        var problem = page.Locator("section[data-screen=auth-issue] [data-problem]");
        await Expect(problem).ToBeVisibleAsync();
        await Expect(problem.Locator(".problem-code")).ToHaveTextAsync("G101e");
        await Expect(problem.Locator(".problem-title")).ToContainTextAsync("ログインID");
        await Expect(problem.Locator(".problem-remedy")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#password")).ToHaveValueAsync(string.Empty);
        await Expect(page.Locator("#password")).ToBeFocusedAsync();
        await journey.ScreenshotAsync("wrong-password");
        Assert.DoesNotContain("u,u,u", await journey.Home.ListCertificatesAsync(), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task A_locked_user_ends_on_CCHK902_with_the_code_the_message_and_the_remedy()
    {
        await using var journey = await BrowserJourney.StartAsync(playwright, new Dictionary<string, string> { ["Sandbox:LockoutThreshold"] = "1" });
        var page = journey.Page;
        await journey.OpenHelperAsync();
        await page.ClickAsync("#issue-button");

        await page.FillAsync("#login-id", "demo01");
        await page.FillAsync("#password", "Wrong-Pass-01");
        await page.ClickAsync("#auth-issue-button");

        var error = page.Locator("section[data-screen=error]");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error.Locator(".screen-id")).ToHaveTextAsync("CCHK902");
        await Expect(page.Locator("#error-code")).ToHaveTextAsync("G102e");
        await Expect(page.Locator("#error-title")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#error-remedy")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#error-time")).ToContainTextAsync("発生日時");
        await journey.ScreenshotAsync("cchk902");
        Assert.DoesNotContain("Exception", await error.InnerTextAsync(), StringComparison.Ordinal);
    }
}
