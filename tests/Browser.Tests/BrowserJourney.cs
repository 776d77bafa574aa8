using System.Runtime.CompilerServices;
using CertPlatform.TestSupport;
using Microsoft.Playwright;

namespace CertPlatform.Browser.Tests;

/// <summary>
/// One user's session for a test: a home folder with its NSS database, the helper running against it, and a
/// Chromium page on the helper's UI. Screenshots go to tests/Browser.Tests/artifacts/screenshots (gitignored).
/// </summary>
public sealed class BrowserJourney : IAsyncDisposable
{
    public const string DemoPassword = "Sandbox-Pass-01";

    private readonly PlaywrightFixture _playwright;
    private readonly string _name;
    private int _shots;

    private BrowserJourney(PlaywrightFixture playwright, string name, NssTestDatabase home, HelperProcess helper)
    {
        _playwright = playwright;
        _name = name;
        Home = home;
        Helper = helper;
    }

    public static string ScreenshotDirectory { get; } = Path.Combine(Repository.Root, "tests", "Browser.Tests", "artifacts", "screenshots");

    public NssTestDatabase Home { get; }

    public HelperProcess Helper { get; }

    public IBrowser Browser { get; private set; } = null!;

    public IPage Page { get; private set; } = null!;

    /// <summary>More Chromium switches for the next (re)start, e.g. a bank address treated as public.</summary>
    public IReadOnlyList<string> BrowserArguments { get; set; } = [];

    /// <param name="settings">More helper settings, e.g. a short certificate lifetime so that renewal is open.</param>
    public static async Task<BrowserJourney> StartAsync(
        PlaywrightFixture playwright, IReadOnlyDictionary<string, string>? settings = null, [CallerMemberName] string name = "")
    {
        var home = new NssTestDatabase();
        try
        {
            // Created up front, so that the helper and Chromium never race to create it.
            await home.CreateAsync();
            var helper = await HelperProcess.StartAsync(home.Home, settings);
            var journey = new BrowserJourney(playwright, name, home, helper);
            await journey.OpenBrowserAsync();
            return journey;
        }
        catch
        {
            home.Dispose();
            throw;
        }
    }

    /// <summary>Closes every browser window and starts Chromium again, as the manual asks after a certificate is installed.</summary>
    public async Task<IPage> RestartBrowserAsync()
    {
        await Browser.CloseAsync();
        await OpenBrowserAsync();
        return Page;
    }

    /// <summary>The helper's main screen, loaded (the certificate list has answered).</summary>
    public async Task OpenHelperAsync()
    {
        await Page.GotoAsync(Helper.Url);
        await Assertions.Expect(Page.Locator("#cert-loading")).ToBeHiddenAsync();
    }

    /// <summary>Saves a full-page PNG named after the test and the step.</summary>
    public async Task ScreenshotAsync(string step)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        _shots++;
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotDirectory, $"{_name}-{_shots:00}-{step}.png"),
            FullPage = true,
        });
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Browser is not null)
            {
                await Browser.CloseAsync();
            }
        }
        finally
        {
            await Helper.DisposeAsync();
            Home.Dispose();
        }
    }

    private async Task OpenBrowserAsync()
    {
        Browser = await _playwright.LaunchAsync(Home.Home, BrowserArguments);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new ViewportSize { Width = 1024, Height = 768 },
            IgnoreHTTPSErrors = false,
        });
        context.SetDefaultTimeout(15_000);
        Page = await context.NewPageAsync();
    }
}
