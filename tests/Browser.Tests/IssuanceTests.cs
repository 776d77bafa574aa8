using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CertPlatform.Browser.Tests;

/// <summary>Issuance as the manual describes it (main → 「証明書発行」 → CCHK002 → processing → CCHK007), in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class IssuanceTests(PlaywrightFixture playwright)
{
    [BrowserFact]
    public async Task Demo01_issues_a_certificate_and_finds_it_with_its_key_in_the_NSS_database()
    {
        await using var journey = await BrowserJourney.StartAsync(playwright);
        var page = journey.Page;
        await journey.OpenHelperAsync();
        await Expect(page.Locator("#main-heading")).ToHaveTextAsync("証明書取得");
        await journey.ScreenshotAsync("main");

        await page.ClickAsync("#issue-button");
        var authentication = page.Locator("section[data-screen=auth-issue]");
        await Expect(authentication).ToBeVisibleAsync();
        await Expect(authentication.Locator(".screen-id")).ToHaveTextAsync("CCHK002");
        await page.FillAsync("#login-id", "demo01");
        await page.FillAsync("#password", BrowserJourney.DemoPassword);
        await journey.ScreenshotAsync("cchk002");

        // Hold the answer until the processing message has been seen, so that it is seen every time.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/api/v1/certificates/issue", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await page.ClickAsync("#auth-issue-button");
        await Expect(page.Locator("#processing")).ToBeVisibleAsync();
        await Expect(page.Locator("#processing")).ToHaveTextAsync("ただいま処理中です。しばらくお待ちください。");
        await Expect(page.Locator("#auth-issue-button")).ToBeDisabledAsync();
        await journey.ScreenshotAsync("processing");
        release.SetResult();

        var result = page.Locator("section[data-screen=result]");
        await Expect(result).ToBeVisibleAsync();
        await Expect(result.Locator(".screen-id")).ToHaveTextAsync("CCHK007");
        await Expect(page.Locator("#result-subject-o")).ToHaveTextAsync("(2235)CERTPLATFORM SANDBOX BANK");
        await Expect(page.Locator("#result-subject-ou")).ToHaveTextAsync("(2235)CertPlatform Sandbox CA - G1");
        await Expect(page.Locator("#result-subject-cn")).ToHaveTextAsync(CommonName());
        await Expect(page.Locator("#result-serial")).ToHaveTextAsync(Serial());
        await Expect(page.Locator("#processing")).ToBeHiddenAsync();
        await journey.ScreenshotAsync("cchk007");

        var commonName = await page.Locator("#result-subject-cn").TextContentAsync();
        Assert.Matches($@"(?m)^{Regex.Escape(commonName!)}\s+u,u,u\s*$", await journey.Home.ListCertificatesAsync());
        Assert.Contains(commonName!, await journey.Home.ListKeysAsync(), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Close_on_CCHK007_closes_the_app_and_the_page_says_how_to_start_it_again()
    {
        await using var journey = await BrowserJourney.StartAsync(playwright);
        var page = journey.Page;
        await journey.OpenHelperAsync();
        await page.ClickAsync("#issue-button");
        await page.FillAsync("#login-id", "demo03");
        await page.FillAsync("#password", BrowserJourney.DemoPassword);
        await page.ClickAsync("#auth-issue-button");
        await Expect(page.Locator("section[data-screen=result]")).ToBeVisibleAsync();
        await Expect(page.Locator("#result-back")).ToBeVisibleAsync();

        await page.ClickAsync("#close-button");

        await Expect(page.Locator("section[data-screen=ended]")).ToBeVisibleAsync();
        await Expect(page.Locator("#ended-heading")).ToHaveTextAsync("アプリを終了しました");
        await Expect(page.Locator("section[data-screen=ended]")).ToContainTextAsync("証明書発行アプリの起動");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!journey.Helper.HasExited)
        {
            Assert.True(DateTime.UtcNow < deadline, "the helper still runs after 「閉じる」");
            await Task.Delay(100);
        }

        await journey.ScreenshotAsync("ended");
    }

    [BrowserFact]
    public async Task The_new_certificate_is_listed_on_the_main_screen_after_going_back_from_the_result_and_care_says_where_its_key_lives()
    {
        await using var journey = await BrowserJourney.StartAsync(playwright);
        var page = journey.Page;
        await journey.OpenHelperAsync();
        await Expect(page.Locator("#cert-empty")).ToBeVisibleAsync();

        await page.ClickAsync("#issue-button");
        await page.FillAsync("#login-id", "demo01");
        await page.FillAsync("#password", BrowserJourney.DemoPassword);
        await page.ClickAsync("#auth-issue-button");
        await Expect(page.Locator("section[data-screen=result]")).ToBeVisibleAsync();
        var commonName = await page.Locator("#result-subject-cn").TextContentAsync();
        await page.ClickAsync("#result-back");

        await Expect(page.Locator("section[data-screen=main]")).ToBeVisibleAsync();
        await Expect(page.Locator("#cert-list [role=option]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#cert-list [role=option]")).ToContainTextAsync(commonName!);
        await journey.ScreenshotAsync("main-with-certificate");

        // In the NSS database the key is a software key the user's programs can read: said so, not "not exportable".
        await page.ClickAsync("#support-open");
        var key = page.Locator("#care-list .care-item .cert-key");
        await Expect(key).ToBeVisibleAsync();
        await Expect(key).ToHaveTextAsync("秘密鍵：このPCのユーザー領域(ソフトウェア)。OSの仕組み上、同じユーザーのプログラムからは読み出せます。");
    }

    [GeneratedRegex(@"^demo01 A001 \d{20}$")]
    private static partial Regex CommonName();

    [GeneratedRegex("^[0-9a-fA-F]{16,}$")]
    private static partial Regex Serial();
}
