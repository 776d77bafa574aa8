using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPlatform.Application.Updates.Download;
using Microsoft.Extensions.DependencyInjection;
using static CertPlatform.LocalHost.Tests.HelperFactory;
using static CertPlatform.LocalHost.Tests.Updates.BankUpdateFeed;

namespace CertPlatform.LocalHost.Tests.Updates;

/// <summary>The update screens' API (the manual's 1.2): check, download with progress, install, restart by hand.</summary>
public sealed class UpdateApiTests : IDisposable
{
    private readonly BankUpdateFeed _feed = new();
    private readonly HelperFactory _helper;

    public UpdateApiTests() => _helper = new HelperFactory(_feed.Settings);

    public void Dispose()
    {
        _helper.Dispose();
        _feed.Dispose();
    }

    [Fact]
    public async Task No_update_is_offered_when_the_feed_has_the_running_version()
    {
        _feed.Publish("1.0.0");

        var info = await _helper.CreateApiClient().GetFromJsonAsync<JsonElement>("/api/v1/updates");

        Assert.False(info.GetProperty("available").GetBoolean());
        Assert.Equal("1.0.0", info.GetProperty("latest").GetString());
    }

    [Fact]
    public async Task The_update_check_answers_current_latest_mandatory_and_notes()
    {
        _feed.Publish("1.2.0", minimum: "1.1.0");

        var info = await _helper.CreateApiClient().GetFromJsonAsync<JsonElement>("/api/v1/updates");

        Assert.Equal("1.0.0", info.GetProperty("current").GetString());
        Assert.Equal("1.2.0", info.GetProperty("latest").GetString());
        Assert.True(info.GetProperty("available").GetBoolean());
        Assert.True(info.GetProperty("mandatory").GetBoolean());
        Assert.Equal(Now.AddDays(-1), info.GetProperty("releaseDate").GetDateTimeOffset());
        Assert.Equal("不具合を修正しました。", info.GetProperty("notes").GetProperty("ja").GetString());
        Assert.Equal("Fixes.", info.GetProperty("notes").GetProperty("en").GetString());
    }

    [Fact]
    public async Task A_feed_that_cannot_be_reached_is_G003e()
    {
        var client = _helper.CreateApiClient();
        _feed.Server.Stop();

        var response = await client.GetAsync(new Uri("/api/v1/updates", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("G003e", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Download_then_install_tells_the_user_to_restart()
    {
        _feed.Publish("1.2.0");
        var client = _helper.CreateApiClient();

        var started = await PostJson(client, "/api/v1/updates/download");
        await _helper.Services.GetRequiredService<UpdateDownload>().Settled;
        var progress = await client.GetFromJsonAsync<JsonElement>("/api/v1/updates/download");
        var installed = await PostJson(client, "/api/v1/updates/install");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("completed", progress.GetProperty("state").GetString());
        Assert.Equal(progress.GetProperty("totalBytes").GetInt64(), progress.GetProperty("bytesReceived").GetInt64());
        Assert.Equal("G007i", progress.GetProperty("notice").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, installed.StatusCode);
        var result = await installed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("1.2.0", result.GetProperty("installedVersion").GetString());
        Assert.True(result.GetProperty("restartRequired").GetBoolean());
        Assert.Equal("1.2.0\n", File.ReadAllText(Path.Combine(_helper.DataDirectory, "app", "current")));
    }

    [Fact]
    public async Task A_package_that_does_not_match_its_hash_shows_G407e_in_the_progress()
    {
        _feed.Publish("1.2.0", served: ReleaseZip("6.6.6"));
        var client = _helper.CreateApiClient();

        await PostJson(client, "/api/v1/updates/download");
        await _helper.Services.GetRequiredService<UpdateDownload>().Settled;
        var progress = await client.GetFromJsonAsync<JsonElement>("/api/v1/updates/download");

        Assert.Equal("failed", progress.GetProperty("state").GetString());
        Assert.Equal("G407e", progress.GetProperty("problem").GetProperty("code").GetString());
        Assert.False(progress.TryGetProperty("notice", out _));
    }

    [Fact]
    public async Task Before_any_download_the_progress_is_idle()
    {
        var progress = await _helper.CreateApiClient().GetFromJsonAsync<JsonElement>("/api/v1/updates/download");

        Assert.Equal("idle", progress.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Install_before_a_download_is_G409e()
    {
        _feed.Publish("1.2.0");

        var response = await PostJson(_helper.CreateApiClient(), "/api/v1/updates/install");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("G409e", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Issuance_is_refused_with_G408e_while_a_mandatory_update_is_pending()
    {
        _feed.Publish("1.2.0", minimum: "1.1.0");

        var response = await PostJson(_helper.CreateApiClient(), "/api/v1/certificates/issue", new { loginId = "demo01", password = "Sandbox-Pass-01" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("G408e", problem.GetProperty("code").GetString());
        Assert.EndsWith("[G408e]", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_launcher_fell_back_the_update_screen_names_the_version_and_says_G411e()
    {
        // What the launcher writes when 1.1.0 did not start and this (1.0.0) ran instead.
        new CertPlatform.Infrastructure.Updates.InstalledVersions(Path.Combine(_helper.DataDirectory, "app")).RecordFailure(new(
            CertPlatform.Domain.Updates.SemanticVersion.Parse("1.1.0"), CertPlatform.Domain.Updates.SemanticVersion.Parse("1.0.0"), Now, "exited with code 134 before it answered"));
        _feed.Publish("1.1.0");
        var client = _helper.CreateApiClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var info = await client.GetFromJsonAsync<JsonElement>("/api/v1/updates");

        Assert.False(info.GetProperty("available").GetBoolean());
        Assert.Equal("1.1.0", info.GetProperty("failedVersion").GetString());
        var notice = info.GetProperty("notice");
        Assert.Equal("G411e", notice.GetProperty("code").GetString());
        Assert.StartsWith("The new version of the application could not be started", notice.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(notice.GetProperty("remedy").GetString()));
    }

    [Fact]
    public async Task An_ordinary_start_has_no_notice()
    {
        _feed.Publish("1.1.0");

        var info = await _helper.CreateApiClient().GetFromJsonAsync<JsonElement>("/api/v1/updates");

        Assert.False(info.TryGetProperty("failedVersion", out _));
        Assert.False(info.TryGetProperty("notice", out _));
    }

    [Fact]
    public async Task Exit_answers_then_stops_the_helper()
    {
        var client = _helper.CreateApiClient();
        var lifetime = _helper.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStopping.Register(stopping.SetResult);

        var response = await PostJson(client, "/api/v1/exit");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Exit_is_refused_from_a_foreign_page_and_the_helper_keeps_running()
    {
        var client = _helper.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", "https://evil.example");
        var lifetime = _helper.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();

        var response = await PostJson(client, "/api/v1/exit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
    }

    [Theory]
    [InlineData("/api/v1/updates/download")]
    [InlineData("/api/v1/updates/install")]
    public async Task Update_actions_are_refused_from_a_foreign_page(string path)
    {
        _feed.Publish("1.2.0");
        var client = _helper.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", "https://evil.example");

        var response = await PostJson(client, path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("G301e", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
