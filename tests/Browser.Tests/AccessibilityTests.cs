using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CertPlatform.Browser.Tests;

/// <summary>The "usable by keyboard, labelled for screen readers, readable on a narrow window", checked in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(PlaywrightFixture playwright)
{
    [BrowserFact]
    public async Task A_certificate_can_be_issued_with_the_keyboard_alone()
    {
        await using var journey = await BrowserJourney.StartAsync(playwright);
        var page = journey.Page;
        await journey.OpenHelperAsync();

        await page.Keyboard.PressAsync("Tab"); // the language switch in the header
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#issue-button")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#auth-issue-heading")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#login-id")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("demo01");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(BrowserJourney.DemoPassword);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#result-heading")).ToBeFocusedAsync();
        await Expect(page.Locator("section[data-screen=result] .screen-id")).ToHaveTextAsync("CCHK007");
    }

    [BrowserFact]
    public async Task Controls_are_found_by_the_names_a_screen_reader_speaks()
    {
        await using var journey = await BrowserJourney.StartAsync(playwright);
        var page = journey.Page;
        await journey.OpenHelperAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "証明書発行", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "証明書更新", Exact = true })).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "証明書発行", Exact = true }).ClickAsync();
        var authentication = page.Locator("section[data-screen=auth-issue]");
        await Expect(authentication.GetByLabel("ログインID")).ToBeVisibleAsync();
        await Expect(authentication.GetByLabel("ログインパスワード")).ToHaveAttributeAsync("type", "password");
        await Expect(authentication.GetByRole(AriaRole.Button, new() { Name = "認証して発行" })).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task The_screens_fit_a_narrow_window_without_sideways_scrolling()
    {
        await using var journey = await BrowserJourney.StartAsync(playwright);
        var page = journey.Page;
        await page.SetViewportSizeAsync(360, 740);
        await journey.OpenHelperAsync();
        Assert.Empty(await WiderThanTheWindowAsync(page));
        await journey.ScreenshotAsync("narrow-main");

        await page.ClickAsync("#issue-button");
        await page.FillAsync("#login-id", "demo01");
        await page.FillAsync("#password", "Wrong-Pass-01");
        await page.ClickAsync("#auth-issue-button");
        await Expect(page.Locator("section[data-screen=auth-issue] [data-problem]")).ToBeVisibleAsync();

        Assert.Empty(await WiderThanTheWindowAsync(page));
        await journey.ScreenshotAsync("narrow-cchk002-error");
    }

    /// <summary>What makes the page scroll sideways: the elements (or text) wider than the window; empty when it fits.</summary>
    private static Task<string[]> WiderThanTheWindowAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return [];
          const culprits = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 0.5 || e.scrollWidth > e.clientWidth + 1)
            .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`);
          return culprits.length > 0 ? culprits : [`the document is ${document.documentElement.scrollWidth} px wide`];
        }
        """);
}
