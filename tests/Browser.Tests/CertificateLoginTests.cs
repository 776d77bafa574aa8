using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CertPlatform.Browser.Tests;

/// <summary>
/// The point of the product: the certificate the helper installed logs the user in to the bank with mutual TLS.
/// Chromium reads the certificate from the test's NSS database; a managed policy selects it for the sandbox bank's
/// origin by its issuer (headless Chromium cannot show the picker).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CertificateLoginTests(PlaywrightFixture playwright)
{
    [CertificateLoginFact]
    public async Task The_certificate_the_helper_installed_logs_demo01_in_to_BLGI001_and_the_top_page_names_its_CN()
    {
        var bank = new SandboxBankSite();
        await using var journey = await BrowserJourney.StartAsync(playwright, bank.HelperSettings());
        var commonName = await IssueThroughTheHelperAsync(journey, "demo01");
        await SandboxBankSite.TrustTheSandboxRootAsync(journey);
        using var policy = ChromiumPolicy.AutoSelectCertificate(bank.Origin, SandboxBankSite.IssuerCommonName);

        // CCHK007: close all browsers before using the new certificate.
        var page = await journey.RestartBrowserAsync();
        await page.GotoAsync(bank.LoginPage);
        await Expect(page.Locator(".screen-id")).ToHaveTextAsync("BLGI001");
        await journey.ScreenshotAsync("blgi001");
        await LogInWithTheCertificateAsync(page, bank);
        await Expect(page.Locator("#certificate-cn")).ToHaveTextAsync(commonName);
        await Expect(page.Locator("#login-method")).ToHaveTextAsync("電子証明書");
        await Expect(page.Locator("#welcome-heading")).ToContainTextAsync("demo01");
        await Expect(page.Locator("#renewal-notice")).ToBeHiddenAsync();
        await journey.ScreenshotAsync("top");
    }

    [CertificateLoginFact]
    public async Task Without_the_certificate_in_the_NSS_database_certificate_login_is_refused_with_G232e()
    {
        var bank = new SandboxBankSite();
        await using var journey = await BrowserJourney.StartAsync(playwright, bank.HelperSettings());
        // The store step skipped: a database with only the sandbox root in it.
        await SandboxBankSite.TrustTheSandboxRootAsync(journey);
        using var policy = ChromiumPolicy.AutoSelectCertificate(bank.Origin, SandboxBankSite.IssuerCommonName);

        var page = await journey.RestartBrowserAsync();
        await page.GotoAsync(bank.LoginPage);
        await page.ClickAsync("#certificate-login");

        await Expect(page.Locator("#login-problem")).ToBeVisibleAsync();
        await Expect(page.Locator("#login-problem-code")).ToHaveTextAsync("G232e");
        await Expect(page.Locator("#login-problem-remedy")).ToContainTextAsync("電子証明書発行");
        Assert.EndsWith("/bank/", page.Url, StringComparison.Ordinal);
        await journey.ScreenshotAsync("refused");
    }

    [CertificateLoginFact]
    public async Task From_40_days_before_expiry_the_top_page_offers_renewal_that_opens_the_helper()
    {
        var bank = new SandboxBankSite();
        await using var journey = await BrowserJourney.StartAsync(playwright, bank.HelperSettings(new Dictionary<string, string> { ["Sandbox:CertificateLifetimeDays"] = "30" }));
        var commonName = await IssueThroughTheHelperAsync(journey, "demo01");
        await SandboxBankSite.TrustTheSandboxRootAsync(journey);
        using var policy = ChromiumPolicy.AutoSelectCertificate(bank.Origin, SandboxBankSite.IssuerCommonName);
        var page = await journey.RestartBrowserAsync();

        await page.GotoAsync(bank.LoginPage);
        await LogInWithTheCertificateAsync(page, bank);
        await Expect(page.Locator("#renewal-notice")).ToBeVisibleAsync();
        await Expect(page.Locator("#renewal-text")).ToContainTextAsync("有効期限");
        await journey.ScreenshotAsync("renewal-notice");
        var helperPage = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync("#renewal-launch"));
        await helperPage.WaitForLoadStateAsync();
        await Expect(helperPage.Locator("#cert-list [role=option]")).ToContainTextAsync(commonName);
        await Expect(helperPage.Locator("#cert-list [role=option]")).ToContainTextAsync("更新可能");
    }

    /// <summary>
    /// Presses 「ログイン」 for certificate login and expects the top page. The URL is watched (up to 30 s) rather than
    /// awaiting the page's load event, which on a loaded CI machine can lag behind the navigation; a refusal fails at
    /// once with the code and title the page shows.
    /// </summary>
    private static async Task LogInWithTheCertificateAsync(IPage page, SandboxBankSite bank)
    {
        await page.ClickAsync("#certificate-login");
        var top = $"{bank.Origin}/bank/top.html";
        var problem = page.Locator("#login-problem");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (page.Url != top && DateTime.UtcNow < deadline)
        {
            if (await problem.IsVisibleAsync())
            {
                Assert.Fail($"Certificate login refused: {await page.Locator("#login-problem-code").TextContentAsync()} {await page.Locator("#login-problem-title").TextContentAsync()}");
            }

            await Task.Delay(100);
        }

        Assert.Equal(top, page.Url);
    }

    /// <summary>Issues through the helper's own page and returns the new certificate's CN.</summary>
    internal static async Task<string> IssueThroughTheHelperAsync(BrowserJourney journey, string loginId)
    {
        var page = journey.Page;
        await journey.OpenHelperAsync();
        await page.ClickAsync("#issue-button");
        await page.FillAsync("#login-id", loginId);
        await page.FillAsync("#password", BrowserJourney.DemoPassword);
        await page.ClickAsync("#auth-issue-button");
        await Expect(page.Locator("section[data-screen=result]")).ToBeVisibleAsync();
        return (await page.Locator("#result-subject-cn").TextContentAsync())!;
    }
}
