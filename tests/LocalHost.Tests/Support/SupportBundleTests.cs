using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.LocalHost.Security;
using CertPlatform.LocalHost.Tests.Renewals;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.LocalHost.Tests.Support;

/// <summary>GET /api/v1/support/bundle: the zip support staff ask for, and no secret in it.</summary>
public sealed class SupportBundleTests : IDisposable
{
    private const string ProxyPassword = "Proxy-Secret-5Kq";
    private const string PlantedPassword = "Planted-Secret-7Wz";

    private readonly HelperFactory _helper = new(new Dictionary<string, string?>
    {
        // Set though Embedded mode uses no proxy: the bundle must not show it wherever it sits.
        ["Network:Proxy:Mode"] = "Explicit",
        ["Network:Proxy:Url"] = "http://proxy.corp.example:8080",
        ["Network:Proxy:UserName"] = "proxy-user",
        ["Network:Proxy:Password"] = ProxyPassword,
    });

    [Fact]
    public async Task The_bundle_holds_the_log_the_diagnostics_the_certificates_and_a_summary()
    {
        var client = _helper.CreatePageClient();
        using var issued = await HelperFactory.Issue(client);

        using var response = await client.GetAsync("/api/v1/support/bundle");
        var entries = await EntriesOf(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("certplatform-support-", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        Assert.Equal(["ApplicationLog.log", "certificates.json", "diagnostics.json", "summary.json"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("IssueCertificate completed", entries["ApplicationLog.log"], StringComparison.Ordinal);
        var diagnostics = JsonDocument.Parse(entries["diagnostics.json"]).RootElement;
        Assert.Contains(diagnostics.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "clock");
        Assert.Single(JsonDocument.Parse(entries["certificates.json"]).RootElement.GetProperty("certificates").EnumerateArray());
        var summary = JsonDocument.Parse(entries["summary.json"]).RootElement;
        Assert.Equal("Embedded", summary.GetProperty("configuration").GetProperty("Center:Mode").GetString());
        Assert.Equal("configured", summary.GetProperty("configuration").GetProperty("Network:Proxy:Credentials").GetString());
    }

    [Fact]
    public async Task After_issuing_and_renewing_with_known_secrets_the_bundle_holds_none_of_them()
    {
        using var renewalDemo = new HelperFactory(HelperFactory.RenewalDemo);
        using var api = new RenewalApi(renewalDemo);
        var thumbprint = await api.IssueAsync("demo01");
        var renewalId = await api.StartAsync(thumbprint);
        var otp = api.TokenCode("demo01");
        using var renewed = await api.OtpAsync(renewalId, otp);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);

        using var response = await api.Client.GetAsync("/api/v1/support/bundle");
        var entries = await EntriesOf(response);

        Assert.All(entries, entry =>
        {
            Assert.DoesNotContain(RenewalApi.Password, entry.Value, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", entry.Value, StringComparison.Ordinal);
        });
        Assert.DoesNotContain($"\"{otp}\"", entries["ApplicationLog.log"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_planted_in_a_log_line_does_not_leave_in_the_bundle()
    {
        var client = _helper.CreatePageClient();
        using var issued = await HelperFactory.Issue(client);
        var apiToken = File.ReadAllText(Path.Combine(_helper.DataDirectory, "api-token")).Trim();
        Plant(
            $"2026-05-01 09:00:30.000 +09:00 [WRN] Careless.Component request body {{\"loginId\":\"demo01\",\"password\":\"{PlantedPassword}\"}}",
            $"2026-05-01 09:00:30.500 +09:00 [WRN] Careless.Component {{\"Body\": \"{{\\\"password\\\":\\\"{PlantedPassword}\\\"}}\"}}",
            $"2026-05-01 09:00:31.000 +09:00 [WRN] Careless.Component retry with password={PlantedPassword}&otp=123456",
            $"2026-05-01 09:00:32.000 +09:00 [WRN] Careless.Component Authorization: Bearer {apiToken}",
            $"2026-05-01 09:00:33.000 +09:00 [WRN] Careless.Component Proxy-Authorization: Basic cHJveHktdXNlcjpQcm94eS1TZWNyZXQtNUtx (proxy {ProxyPassword})",
            "-----BEGIN PRIVATE KEY-----",
            "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg",
            "-----END PRIVATE KEY-----");

        using var response = await client.GetAsync("/api/v1/support/bundle");
        var entries = await EntriesOf(response);
        var log = entries["ApplicationLog.log"];

        Assert.Contains("Careless.Component", log, StringComparison.Ordinal);
        Assert.Contains("\"password\":\"***\"", log, StringComparison.Ordinal);
        Assert.All(entries, entry =>
        {
            Assert.DoesNotContain(PlantedPassword, entry.Value, StringComparison.Ordinal);
            Assert.DoesNotContain(apiToken, entry.Value, StringComparison.Ordinal);
            Assert.DoesNotContain(ProxyPassword, entry.Value, StringComparison.Ordinal);
            Assert.DoesNotContain("cHJveHktdXNlcjpQcm94eS1TZWNyZXQtNUtx", entry.Value, StringComparison.Ordinal);
            Assert.DoesNotContain("MIGHAgEAMBMGByqGSM49", entry.Value, StringComparison.Ordinal);
            Assert.DoesNotContain("otp=123456", entry.Value, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Only_the_end_of_a_long_log_goes_in_across_rolled_files_from_a_whole_line()
    {
        using var helper = new HelperFactory(new Dictionary<string, string?> { ["Diagnostics:BundleLogMegabytes"] = "1" });
        var client = helper.CreatePageClient();
        await client.GetAsync("/api/v1/status");
        var line = new string('x', 1000);
        PlantIn(helper, [.. Enumerable.Range(0, 3000).Select(i => $"{i:D6} {line}"), "the last line"]);

        using var response = await client.GetAsync("/api/v1/support/bundle");
        var log = (await EntriesOf(response))["ApplicationLog.log"];

        Assert.InRange(Encoding.UTF8.GetByteCount(log), 900_000, 1024 * 1024);
        Assert.Matches(@"^\d{6} x", log);
        Assert.Contains("the last line", log, StringComparison.Ordinal);
        Assert.True(log.IndexOf("the last line", StringComparison.Ordinal) < log.IndexOf("HTTP GET /api/v1/status", StringComparison.Ordinal), "the rolled file comes before the current one");
    }

    [Fact]
    public async Task The_summary_says_where_the_helper_really_listens()
    {
        await using var app = HelperFactory.With(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        app.UseKestrel();
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.TryAddWithoutValidation(
            "Authorization", "Bearer " + File.ReadAllText(Path.Combine(app.DataDirectory, ApiToken.FileName)).Trim());

        using var response = await client.GetAsync("/api/v1/support/bundle");
        using var summary = JsonDocument.Parse((await EntriesOf(response))["summary.json"]);

        var listening = summary.RootElement.GetProperty("listeningOn").EnumerateArray().Select(a => a.GetString()!).ToArray();
        Assert.Equal([address], listening);
        Assert.NotEqual(HelperOptions.DefaultPort, new Uri(address).Port);
    }

    [Fact]
    public async Task The_bundle_is_documented_for_support_staff_in_swagger()
    {
        var document = await _helper.CreatePageClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        var get = document.GetProperty("paths").GetProperty("/api/v1/support/bundle").GetProperty("get");
        Assert.Contains("Support staff", get.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("ApplicationLog.log", get.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("never included", get.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private void Plant(params string[] lines) => PlantIn(_helper, lines);

    /// <summary>
    /// Lines in an earlier, rolled log file (ApplicationLog_001.log, an hour older), as a careless component might have
    /// written them. Not in the file the helper writes now: the logger appends by seeking to the end, and a line
    /// written beside it in the same moment could be overwritten.
    /// </summary>
    private static void PlantIn(HelperFactory helper, string[] lines)
    {
        var rolled = Path.Combine(Path.GetDirectoryName(helper.LogFile)!, "ApplicationLog_001.log");
        File.WriteAllLines(rolled, lines, new UTF8Encoding(false));
        File.SetLastWriteTimeUtc(rolled, DateTime.UtcNow.AddHours(-1));
    }

    private static async Task<Dictionary<string, string>> EntriesOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            entries[entry.FullName] = await reader.ReadToEndAsync();
        }

        return entries;
    }

    public void Dispose() => _helper.Dispose();
}
