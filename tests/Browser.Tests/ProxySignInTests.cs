using CertPlatform.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace CertPlatform.Browser.Tests;

/// <summary>
/// The proxy sign-in screen in Chromium: the customer's helper in Remote mode reaches the bank (a second helper's HTTPS
/// sandbox) only through Debian's squid with basic authentication. Issuance meets the 407, the screen asks, a wrong pair
/// shows G009e on the same screen, the right one lets issuance finish; 「キャンセル」 goes back to the main screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProxySignInTests(PlaywrightFixture playwright) : IAsyncLifetime
{
    private const string ProxyUser = "alice";
    private const string ProxyPassword = "Proxy-Pass-9fQ2";

    private readonly NssTestDatabase _bankHome = new();
    private readonly SandboxBankSite _bankSite = new();
    private HelperProcess _bank = null!;
    private SquidProxy _squid = null!;

    public async Task InitializeAsync()
    {
        await _bankHome.CreateAsync();
        _bank = await HelperProcess.StartAsync(_bankHome.Home, _bankSite.HelperSettings());
        _squid = await SquidProxy.StartAsync(ProxyUser, ProxyPassword);
    }

    public async Task DisposeAsync()
    {
        await _squid.DisposeAsync();
        await _bank.DisposeAsync();
        _bankHome.Dispose();
    }

    [BrowserFact]
    public async Task The_screen_asks_for_the_proxys_pair_shows_G009e_for_a_wrong_one_and_issuance_finishes_with_the_right_one()
    {
        await using var journey = await BrowserJourney.StartAsync(playwright, CustomerSettings());
        var page = journey.Page;
        await IssueAsDemo01Async(journey);

        var screen = page.Locator("section[data-screen=proxy]");
        await Expect(screen).ToBeVisibleAsync();
        await Expect(screen.Locator("[data-problem]")).ToBeHiddenAsync();
        await Expect(page.Locator("#proxy-user")).ToBeFocusedAsync();
        // Found by the names a screen reader speaks.
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Textbox, new() { Name = "プロキシサーバのID", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("プロキシサーバのパスワード", new() { Exact = true })).ToHaveAttributeAsync("type", "password");
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "認証", Exact = true })).ToBeVisibleAsync();
        await journey.ScreenshotAsync("proxy-sign-in");

        await page.FillAsync("#proxy-user", ProxyUser);
        await page.FillAsync("#proxy-user-password", "Wrong-Pass-1");
        await page.ClickAsync("#proxy-submit");
        await Expect(screen.Locator("[data-problem] .problem-code")).ToHaveTextAsync("G009e");
        await Expect(screen.Locator("[data-problem] .problem-remedy")).ToContainTextAsync("プロキシサーバのIDおよびパスワードを確認の上");
        await Expect(page.Locator("#proxy-user-password")).ToHaveValueAsync(string.Empty);
        await journey.ScreenshotAsync("proxy-sign-in-refused");

        await page.FillAsync("#proxy-user-password", ProxyPassword);
        await page.ClickAsync("#proxy-submit");

        await Expect(page.Locator("section[data-screen=result]")).ToBeVisibleAsync();
        await Expect(page.Locator("#result-subject-cn")).ToContainTextAsync("demo01");
        Assert.DoesNotContain(ProxyPassword, journey.Helper.Output, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task The_diagnostics_meet_the_proxy_ask_for_the_pair_and_run_again_with_it()
    {
        await using var journey = await BrowserJourney.StartAsync(playwright, CustomerSettings());
        var page = journey.Page;
        await journey.OpenHelperAsync();
        await page.ClickAsync("#support-open");
        await page.ClickAsync("#diag-run");

        await Expect(page.Locator("section[data-screen=proxy]")).ToBeVisibleAsync();
        await page.FillAsync("#proxy-user", ProxyUser);
        await page.FillAsync("#proxy-user-password", ProxyPassword);
        await page.ClickAsync("#proxy-submit");

        await Expect(page.Locator("section[data-screen=support]")).ToBeVisibleAsync();
        await Expect(page.Locator("#diag-summary")).ToBeVisibleAsync();
        await Expect(page.Locator("#diag-results")).Not.ToContainTextAsync("G009e");
    }

    [BrowserFact]
    public async Task Cancel_returns_to_the_main_screen_with_nothing_issued()
    {
        await using var journey = await BrowserJourney.StartAsync(playwright, CustomerSettings());
        var page = journey.Page;
        await IssueAsDemo01Async(journey);
        await Expect(page.Locator("section[data-screen=proxy]")).ToBeVisibleAsync();
        await page.ClickAsync("#proxy-cancel");

        await Expect(page.Locator("section[data-screen=main]")).ToBeVisibleAsync();
        await Expect(page.Locator("section[data-screen=error]")).ToBeHiddenAsync();
        await Expect(page.Locator("#processing")).ToBeHiddenAsync();
        await Expect(page.Locator("#cert-list [role=option]")).ToHaveCountAsync(0);
        Assert.DoesNotContain("demo01", await journey.Home.ListCertificatesAsync(), StringComparison.Ordinal);
    }

    /// <summary>The main screen, 「証明書発行」, demo01's login ID and password, 「認証して発行」.</summary>
    private static async Task IssueAsDemo01Async(BrowserJourney journey)
    {
        var page = journey.Page;
        await journey.OpenHelperAsync();
        await page.ClickAsync("#issue-button");
        await page.FillAsync("#login-id", "demo01");
        await page.FillAsync("#password", BrowserJourney.DemoPassword);
        await page.ClickAsync("#auth-issue-button");
    }

    private Dictionary<string, string> CustomerSettings() => new(StringComparer.Ordinal)
    {
        ["Center:Mode"] = "Remote",
        ["Center:BaseUrl"] = _bankSite.Origin + "/",
        ["Ca:EstBaseUrl"] = _bankSite.Origin + "/",
        ["Ca:TrustAnchorPath"] = Path.Combine(_bankHome.Home, "helper-data", "sandbox", "ca.crt"),
        ["Network:Proxy:Mode"] = "Explicit",
        ["Network:Proxy:Url"] = _squid.Url,
    };
}
