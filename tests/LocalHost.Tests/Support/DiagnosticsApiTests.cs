using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPlatform.Application.Ports;
using CertPlatform.Sandbox.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CertPlatform.LocalHost.Tests.Support;

/// <summary>GET /api/v1/diagnostics as the diagnostics screen and support staff read it.</summary>
public sealed class DiagnosticsApiTests
{
    [Fact]
    public async Task Embedded_mode_runs_every_check_and_skips_the_network_ones()
    {
        using var helper = new HelperFactory();

        var report = await helper.CreatePageClient("en").GetFromJsonAsync<JsonElement>("/api/v1/diagnostics");

        var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["helper", "store", "clock", "center", "ca", "proxy", "updates", "software"], checks.Keys);
        Assert.Equal("ok", checks["helper"].GetProperty("status").GetString());
        Assert.Equal("ok", checks["store"].GetProperty("status").GetString());
        Assert.Equal("ok", checks["clock"].GetProperty("status").GetString());
        Assert.Equal("skipped", checks["center"].GetProperty("status").GetString());
        Assert.Equal("Embedded", checks["helper"].GetProperty("facts").GetProperty("centerMode").GetString());
        Assert.Contains(helper.StoreName, checks["store"].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_windows_the_conflicting_software_check_is_skipped()
    {
        using var helper = new HelperFactory();

        var report = await helper.CreatePageClient("en").GetFromJsonAsync<JsonElement>("/api/v1/diagnostics");

        var software = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "software");
        Assert.Equal(OperatingSystem.IsWindows() ? "ok" : "skipped", software.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("ja", "電子証明書を発行したユーザーでPCにログイン")]
    [InlineData("en", "logged in to the PC as the user who issued the certificate")]
    public async Task A_store_that_cannot_be_opened_fails_with_the_remedy_in_the_users_language(string language, string remedy)
    {
        using var helper = new HelperFactory
        {
            TestServices = services => services.Replace(ServiceDescriptor.Singleton<ICertificateStore, UnopenableStore>()),
        };

        var response = await helper.CreatePageClient(language).GetAsync("/api/v1/diagnostics");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("failed", report.GetProperty("status").GetString());
        var store = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "store");
        Assert.Equal("failed", store.GetProperty("status").GetString());
        Assert.Equal("G251e", store.GetProperty("code").GetString());
        Assert.Contains(remedy, store.GetProperty("remedy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_pc_clock_ten_minutes_fast_against_the_bank_warns_with_G250e()
    {
        using var bank = new HelperFactory(new Dictionary<string, string?> { ["Sandbox:Https:Enabled"] = "true", ["Sandbox:Https:Port"] = "0" });
        var sandbox = bank.Services.GetRequiredService<SandboxHttpsServer>().BaseAddress!;
        using var customer = new HelperFactory(new Dictionary<string, string?>
        {
            ["Center:Mode"] = "Remote",
            ["Center:BaseUrl"] = sandbox.ToString(),
            ["Ca:EstBaseUrl"] = sandbox.ToString(),
            ["Ca:TrustAnchorPath"] = bank.Services.GetRequiredService<CertPlatform.Sandbox.SandboxCaKeys>().CertificatePath,
            ["Network:Proxy:Mode"] = "None",
        });
        customer.Time.Advance(TimeSpan.FromMinutes(10));

        var report = await customer.CreatePageClient("ja").GetFromJsonAsync<JsonElement>("/api/v1/diagnostics");

        var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal("warning", checks["clock"].GetProperty("status").GetString());
        Assert.Equal("G250e", checks["clock"].GetProperty("code").GetString());
        Assert.Contains("日付と時刻を正しく設定", checks["clock"].GetProperty("remedy").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", checks["center"].GetProperty("status").GetString());
        Assert.Equal("ok", checks["ca"].GetProperty("status").GetString());
        Assert.Equal("direct", checks["proxy"].GetProperty("facts").GetProperty("address").GetString());
    }

    [Fact]
    public async Task Diagnostics_are_documented_for_support_staff_in_swagger()
    {
        using var helper = new HelperFactory();

        var document = await helper.CreatePageClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        var get = document.GetProperty("paths").GetProperty("/api/v1/diagnostics").GetProperty("get");
        Assert.Contains("clock", get.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("Accept-Language", get.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private sealed class UnopenableStore : ICertificateStore
    {
        public string Description => "X509Store CurrentUser\\Broken";

        public IReadOnlyList<X509Certificate2> List() => throw new CryptographicException("The store could not be opened.");

        public X509Certificate2? Find(string thumbprint) => throw new CryptographicException("The store could not be opened.");

        public void Add(X509Certificate2 certificateWithKey) => throw new CryptographicException("The store could not be opened.");

        public void Remove(string thumbprint) => throw new CryptographicException("The store could not be opened.");
    }
}
