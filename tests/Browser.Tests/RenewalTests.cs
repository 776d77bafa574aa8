using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CertPlatform.Browser.Tests;

/// <summary>
/// Renewal as the manual describes it: choose the certificate, 「証明書更新」, password (CCHK002), one-time password
/// (CCHK003), time synchronisation for a drifted token (CCHK004), result (CCHK007). Certificates live 30 days here,
/// so renewal is open as soon as they are issued.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RenewalTests(PlaywrightFixture playwright)
{
    private static readonly Dictionary<string, string> RenewalOpenAtOnce = new() { ["Sandbox:CertificateLifetimeDays"] = "30" };

    [BrowserFact]
    public async Task Demo01_renews_with_the_one_time_password_and_keeps_both_certificates_in_the_NSS_database()
    {
        await using var journey = await BrowserJourney.StartAsync(playwright, RenewalOpenAtOnce);
        var page = journey.Page;
        var old = await IssueAsync(journey, "demo01");

        await StartRenewalAsync(journey);
        await Expect(page.Locator("section[data-screen=otp] .screen-id")).ToHaveTextAsync("CCHK003");
        await page.FillAsync("#otp", await new DemoToken(journey.Helper, "demo01").CurrentCodeAsync());
        await journey.ScreenshotAsync("cchk003");
        await page.ClickAsync("#otp-submit");

        var renewed = await ExpectRenewedAsync(journey, old);
        var certificates = await journey.Home.ListCertificatesAsync();
        Assert.Contains(old, certificates, StringComparison.Ordinal);
        Assert.Contains(renewed, certificates, StringComparison.Ordinal);
        Assert.Contains(renewed, await journey.Home.ListKeysAsync(), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Demo02s_drifted_token_is_synchronised_on_CCHK004_and_the_certificate_renewed_and_the_old_one_removed_on_confirmation()
    {
        await using var journey = await BrowserJourney.StartAsync(playwright, RenewalOpenAtOnce);
        var page = journey.Page;
        var token = new DemoToken(journey.Helper, "demo02");
        var old = await IssueAsync(journey, "demo02");

        await StartRenewalAsync(journey);
        await page.FillAsync("#otp", await token.CurrentCodeAsync());
        await page.ClickAsync("#otp-submit");

        await Expect(page.Locator("section[data-screen=timesync]")).ToBeVisibleAsync();
        await Expect(page.Locator("section[data-screen=timesync] .screen-id")).ToHaveTextAsync("CCHK004");
        // As the user reads them off the sandbox panel's token: the code now and the next one.
        await Expect(page.Locator("#sandbox-login-admin01")).ToHaveTextAsync("admin01");
        await page.ClickAsync("#sandbox-show-demo02");
        var display = page.Locator("#sandbox-token-demo02");
        await Expect(display.Locator(".token-next")).ToHaveTextAsync(new Regex(@"\d{6}"));
        var current = (await display.Locator(".token-code").TextContentAsync())!;
        var next = Regex.Match((await display.Locator(".token-next").TextContentAsync())!, @"\d{6}").Value;
        await page.FillAsync("#otp-current", current);
        await page.FillAsync("#otp-next", next);
        await journey.ScreenshotAsync("cchk004");
        await page.ClickAsync("#timesync-submit");

        var renewed = await ExpectRenewedAsync(journey, old);

        // The FAQ's clean-up, offered by CCHK007: the old certificate goes after the user confirms.
        await Expect(page.Locator("#result-superseded-lead")).ToBeVisibleAsync();
        string? asked = null;
        page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await dialog.AcceptAsync();
        };
        await page.ClickAsync("#remove-superseded");
        await Expect(page.Locator("#result-superseded-done")).ToBeVisibleAsync();
        Assert.Equal("更新前の電子証明書をこのパソコンから削除します。よろしいですか？", asked);
        await Expect(page.Locator("#remove-superseded")).ToBeHiddenAsync();
        var certificates = await journey.Home.ListCertificatesAsync();
        Assert.DoesNotContain(old, certificates, StringComparison.Ordinal);
        Assert.Contains(renewed, certificates, StringComparison.Ordinal);
    }

    /// <summary>Issues through the UI and returns to the main screen; returns the certificate's CN.</summary>
    private static async Task<string> IssueAsync(BrowserJourney journey, string loginId)
    {
        var page = journey.Page;
        await journey.OpenHelperAsync();
        await page.ClickAsync("#issue-button");
        await page.FillAsync("#login-id", loginId);
        await page.FillAsync("#password", BrowserJourney.DemoPassword);
        await page.ClickAsync("#auth-issue-button");
        await Expect(page.Locator("section[data-screen=result]")).ToBeVisibleAsync();
        var commonName = (await page.Locator("#result-subject-cn").TextContentAsync())!;
        await page.ClickAsync("#result-back");
        await Expect(page.Locator("#cert-list [role=option]")).ToHaveCountAsync(1);
        return commonName;
    }

    /// <summary>Chooses the only certificate, presses 「証明書更新」 and authenticates with the password (CCHK002).</summary>
    private static async Task StartRenewalAsync(BrowserJourney journey)
    {
        var page = journey.Page;
        await page.ClickAsync("#cert-list [role=option]");
        await Expect(page.Locator("#cert-list [role=option]")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#renew-button")).ToBeEnabledAsync();
        await journey.ScreenshotAsync("selected");
        await page.ClickAsync("#renew-button");

        var authentication = page.Locator("section[data-screen=auth-renew]");
        await Expect(authentication).ToBeVisibleAsync();
        await Expect(authentication.Locator(".screen-id")).ToHaveTextAsync("CCHK002");
        await page.FillAsync("#renew-password", BrowserJourney.DemoPassword);
        await page.ClickAsync("#auth-renew-button");
        await Expect(page.Locator("section[data-screen=otp]")).ToBeVisibleAsync();
    }

    /// <summary>CCHK007 says renewed and shows a new certificate of the same user; returns its CN.</summary>
    private static async Task<string> ExpectRenewedAsync(BrowserJourney journey, string oldCommonName)
    {
        var page = journey.Page;
        var loginAndUser = string.Join(' ', oldCommonName.Split(' ').Take(2));
        await Expect(page.Locator("section[data-screen=result] .screen-id")).ToHaveTextAsync("CCHK007");
        await Expect(page.Locator("#result-message")).ToHaveTextAsync("電子証明書の更新とインストールが完了しました。");
        await Expect(page.Locator("#result-subject-cn")).ToHaveTextAsync(new Regex($"^{Regex.Escape(loginAndUser)} \\d{{20}}$"));
        var renewed = (await page.Locator("#result-subject-cn").TextContentAsync())!;
        Assert.NotEqual(oldCommonName, renewed);
        await journey.ScreenshotAsync("renewed");
        return renewed;
    }
}
