using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPlatform.LocalHost.Hosting;
using CertPlatform.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static CertPlatform.LocalHost.Tests.HelperFactory;

namespace CertPlatform.LocalHost.Tests.Hosting;

/// <summary>
/// The helper opened at a screen (by a second start through the API, or at its own start), and the helper that
/// goes away when it is not used. The browser is a script that writes down the address it was given.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LaunchAndIdleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("certplatform-browser-").FullName;

    private string Opened => Path.Combine(_folder, "opened.txt");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [UnixFact]
    public async Task A_second_start_asks_the_running_helper_to_open_its_screen_at_the_step_named()
    {
        using var helper = With(new Dictionary<string, string?> { ["Helper:BrowserCommand"] = Browser() });
        var client = helper.CreateApiClient();

        var response = await PostJson(client, "/api/v1/open", new { screen = "issue" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("issue", result.GetProperty("screen").GetString());
        Assert.True(result.GetProperty("opened").GetBoolean());
        Assert.Equal("http://localhost/#issue", await OpenedAsync());
    }

    [UnixTheory]
    [InlineData("renew", "http://localhost/#renew")]
    [InlineData("RENEW", "http://localhost/#renew")]
    [InlineData("main", "http://localhost/")]
    [InlineData("../../etc/passwd", "http://localhost/")]
    [InlineData("https://evil.example/", "http://localhost/")]
    [InlineData("7", "http://localhost/")]
    [InlineData(null, "http://localhost/")]
    public async Task Only_the_helpers_own_page_is_ever_opened(string? screen, string expected)
    {
        using var helper = With(new Dictionary<string, string?> { ["Helper:BrowserCommand"] = Browser() });

        var response = await PostJson(helper.CreateApiClient(), "/api/v1/open", new { screen });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(expected, await OpenedAsync());
    }

    [Fact]
    public async Task A_foreign_page_cannot_open_the_helper()
    {
        using var helper = With(new Dictionary<string, string?> { ["Helper:BrowserCommand"] = Browser() });
        var client = helper.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", "https://evil.example");

        var response = await PostJson(client, "/api/v1/open", new { screen = "issue" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(File.Exists(Opened));
    }

    [UnixFact]
    public async Task The_start_menu_start_opens_the_main_screen()
    {
        using var helper = With(new Dictionary<string, string?> { ["Helper:BrowserCommand"] = Browser(), ["Helper:OpenBrowser"] = "true" });

        _ = helper.CreateClient();

        Assert.StartsWith("http://", await OpenedAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_that_cannot_be_started_leaves_the_address_to_open_by_hand()
    {
        using var helper = With(new Dictionary<string, string?> { ["Helper:BrowserCommand"] = Path.Combine(_folder, "no-such-browser") });

        var response = await PostJson(helper.CreateApiClient(), "/api/v1/open", new { screen = "issue" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("opened").GetBoolean());
    }

    [Fact]
    public async Task After_the_idle_time_without_use_the_helper_ends()
    {
        using var helper = With(new Dictionary<string, string?> { ["Helper:IdleExitMinutes"] = "30" });
        var stopping = Stopping(helper);
        await helper.CreateApiClient().GetAsync(new Uri("/api/v1/certificates", UriKind.Relative));

        helper.Time.Advance(TimeSpan.FromMinutes(29));
        await Task.Delay(200);
        Assert.False(stopping.IsCompleted, "29 minutes is not idle enough");

        helper.Time.Advance(TimeSpan.FromMinutes(2));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Use_of_the_helper_keeps_it_running_but_status_polling_does_not()
    {
        using var helper = With(new Dictionary<string, string?> { ["Helper:IdleExitMinutes"] = "30" });
        var stopping = Stopping(helper);
        var client = helper.CreateApiClient();

        for (var i = 0; i < 3; i++)
        {
            helper.Time.Advance(TimeSpan.FromMinutes(20));
            await client.GetAsync(new Uri("/api/v1/certificates", UriKind.Relative));
            await Task.Delay(100);
        }

        Assert.False(stopping.IsCompleted, "used every 20 minutes");

        // The bank's page asking whether the helper runs is not use: 10 + 10 + 11 minutes of it end the helper.
        for (var i = 0; i < 2; i++)
        {
            helper.Time.Advance(TimeSpan.FromMinutes(10));
            await client.GetAsync(new Uri("/api/v1/status", UriKind.Relative));
        }

        helper.Time.Advance(TimeSpan.FromMinutes(11));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_request_under_way_keeps_the_helper_running_however_long_it_takes()
    {
        using var helper = With(new Dictionary<string, string?> { ["Helper:IdleExitMinutes"] = "30" });
        var stopping = Stopping(helper);
        var activity = helper.Services.GetRequiredService<HelperActivity>();
        using (activity.Begin())
        {
            // An install or a renewal step still running counts as busy.
            helper.Time.Advance(TimeSpan.FromMinutes(45));
            await Task.Delay(200);
            Assert.False(stopping.IsCompleted);
            Assert.True(activity.IsBusy);
        }

        helper.Time.Advance(TimeSpan.FromMinutes(31));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_renewal_waiting_for_its_one_time_password_keeps_the_helper_running()
    {
        var settings = new Dictionary<string, string?>(RenewalDemo) { ["Helper:IdleExitMinutes"] = "1" };
        using var helper = With(settings);
        var stopping = Stopping(helper);
        using var renewal = new Renewals.RenewalApi(helper);
        await renewal.StartAsync(await renewal.IssueAsync("demo01"));

        // The user reads the token: two minutes past the idle time, the renewal (five minutes) is still open.
        helper.Time.Advance(TimeSpan.FromMinutes(3));
        await Task.Delay(300);
        Assert.False(stopping.IsCompleted, "the helper ended while a renewal waited for its one-time password");

        // The renewal has expired: nothing keeps the helper any more.
        helper.Time.Advance(TimeSpan.FromMinutes(3));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Idle_exit_set_to_zero_never_ends_the_helper()
    {
        using var helper = With(new Dictionary<string, string?> { ["Helper:IdleExitMinutes"] = "0" });
        var stopping = Stopping(helper);

        helper.Time.Advance(TimeSpan.FromDays(3));
        await Task.Delay(200);

        Assert.False(stopping.IsCompleted);
    }

    [Theory]
    [InlineData("Helper:IdleExitMinutes", "-1")]
    [InlineData("Helper:IdleExitMinutes", "1441")]
    [InlineData("Helper:UrlScheme", "https")]
    [InlineData("Helper:UrlScheme", "Cert Platform")]
    public void Bad_launch_settings_stop_the_start(string key, string value)
    {
        using var helper = With(new Dictionary<string, string?> { [key] = value });

        var ex = Assert.ThrowsAny<Exception>(() => helper.CreateClient());

        Assert.Contains(key, ex.ToString(), StringComparison.Ordinal);
    }

    private static Task Stopping(HelperFactory helper)
    {
        _ = helper.CreateClient();
        var stopping = new TaskCompletionSource();
        helper.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stopping.SetResult);
        return stopping.Task;
    }

    /// <summary>A "browser" that writes down the address it is given.</summary>
    private string Browser()
    {
        var path = Path.Combine(_folder, "browser.sh");
        File.WriteAllText(path, $"#!/bin/sh\nprintf '%s' \"$1\" > '{Opened}.tmp' && mv '{Opened}.tmp' '{Opened}'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private async Task<string> OpenedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.Exists(Opened))
        {
            Assert.True(DateTime.UtcNow < deadline, "the browser was not opened");
            await Task.Delay(50);
        }

        return await File.ReadAllTextAsync(Opened);
    }
}
