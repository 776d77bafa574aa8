using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPlatform.Application.Ports;
using CertPlatform.LocalHost.Tests.Renewals;
using CertPlatform.Sandbox;
using CertPlatform.Sandbox.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.LocalHost.Tests;

/// <summary>
/// Two helpers, as a developer runs them: one is the bank (Embedded, its sandbox served over HTTPS on a loopback port
/// by the hosted service), the other is the customer's helper in Remote mode pointed at it, driven through its API.
/// </summary>
public sealed class RemoteModeApiTests : IDisposable
{
    /// <summary>The README's renewal demo (30-day certificates, so renewal is open at once), served over HTTPS.</summary>
    private readonly HelperFactory _bank = new(new Dictionary<string, string?>
    {
        ["Sandbox:Https:Enabled"] = "true",
        ["Sandbox:Https:Port"] = "0",
        ["Sandbox:CertificateLifetimeDays"] = "30",
    });

    private readonly HelperFactory _customer;
    private readonly RenewalApi _api;
    private List<ServiceDescriptor> _customerServices = [];

    public RemoteModeApiTests()
    {
        var sandbox = _bank.Services.GetRequiredService<SandboxHttpsServer>().BaseAddress
            ?? throw new InvalidOperationException("The bank's HTTPS sandbox did not start.");
        _customer = new HelperFactory(new Dictionary<string, string?>
        {
            ["Center:Mode"] = "Remote",
            ["Center:BaseUrl"] = sandbox.ToString(),
            ["Ca:EstBaseUrl"] = sandbox.ToString(),
            ["Ca:TrustAnchorPath"] = _bank.Services.GetRequiredService<SandboxCaKeys>().CertificatePath,
            ["Network:Proxy:Mode"] = "None",
            ["Certificates:DefaultKeyAlgorithm"] = "EcdsaP256",
        })
        {
            TestServices = services => _customerServices = [.. services],
        };
        _api = new RenewalApi(_customer);
    }

    [Fact]
    public async Task A_remote_mode_helper_registers_no_sandbox_service_and_answers_no_sandbox_route()
    {
        var sandbox = typeof(SandboxServices).Assembly;
        var client = _customer.CreatePageClient();
        using (var status = await client.GetAsync("/api/v1/status"))
        {
            status.EnsureSuccessStatusCode();
        }

        Assert.NotEmpty(_customerServices);
        Assert.DoesNotContain(_customerServices, d =>
            d.ServiceType.Assembly == sandbox || d.ImplementationType?.Assembly == sandbox || d.ImplementationInstance?.GetType().Assembly == sandbox);
        var services = _customer.Services;
        Assert.All(
            new object[]
            {
                services.GetRequiredService<ICenterGateway>(), services.GetRequiredService<ICertificateAuthority>(),
                services.GetRequiredService<ITrustAnchors>(), services.GetRequiredService<IConnectionProbe>(),
            },
            port => Assert.NotEqual(sandbox, port.GetType().Assembly));
        Assert.Empty(services.GetServices<CertPlatform.Infrastructure.Hosting.IBankOriginSource>());
        Assert.DoesNotContain(services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), h => h.GetType().Assembly == sandbox);

        foreach (var path in new[] { "/api/v1/sandbox/tokens/demo01", SandboxUpdateFeed.BasePath + SandboxUpdateFeed.ManifestFile, SandboxCrl.HelperPath })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // The bank helper beside it, in Embedded mode, answers the same routes.
        using var token = await _bank.CreatePageClient().GetAsync("/api/v1/sandbox/tokens/demo01");
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Status_says_remote()
    {
        var status = await _customer.CreatePageClient().GetFromJsonAsync<JsonElement>("/api/v1/status");

        Assert.Equal("Remote", status.GetProperty("centerMode").GetString());
    }

    [Fact]
    public async Task Issuance_through_the_api_in_remote_mode_installs_and_lists_a_certificate_from_the_bank()
    {
        var client = _customer.CreatePageClient();

        using var response = await HelperFactory.Issue(client);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/certificates");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var thumbprint = result.GetProperty("thumbprint").GetString()!;
        Assert.Contains(_bank.Services.GetRequiredService<SandboxRegistry>().All, r => r.Thumbprint == thumbprint);
        using (var installed = _customer.Services.GetRequiredService<ICertificateStore>().Find(thumbprint))
        {
            Assert.True(installed?.HasPrivateKey);
        }

        Assert.Equal(thumbprint, Assert.Single(list.GetProperty("certificates").EnumerateArray()).GetProperty("thumbprint").GetString());
    }

    [Fact]
    public async Task Wrong_password_at_the_bank_is_G101e_from_the_api()
    {
        using var response = await HelperFactory.Issue(_customer.CreatePageClient("en"), password: "Wrong-Pass-99");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("G101e", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task demo01_renews_in_remote_mode_over_tls_client_authentication_with_password_and_one_time_password()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        var renewalId = await _api.StartAsync(thumbprint);

        using var response = await _api.OtpAsync(renewalId, _api.TokenCode("demo01"));

        var step = await RenewalApi.StepOf(response);
        Assert.Equal("completed", step.GetProperty("next").GetString());
        var renewed = step.GetProperty("result").GetProperty("thumbprint").GetString()!;
        Assert.NotEqual(thumbprint, renewed);
        var record = Assert.Single(_bank.Services.GetRequiredService<SandboxRegistry>().All, r => r.Thumbprint == renewed);
        Assert.Equal(thumbprint, record.Renews);
        using var installed = _customer.Services.GetRequiredService<ICertificateStore>().Find(renewed);
        Assert.True(installed?.HasPrivateKey);
    }

    [Fact]
    public async Task demo02_renews_in_remote_mode_with_the_time_sync_pair()
    {
        var thumbprint = await _api.IssueAsync("demo02");
        var renewalId = await _api.StartAsync(thumbprint);
        var first = _api.TokenCode("demo02");
        using var otp = await _api.OtpAsync(renewalId, first);
        Assert.Equal("timeSync", (await RenewalApi.StepOf(otp)).GetProperty("next").GetString());
        _bank.Time.Advance(TimeSpan.FromMinutes(1));
        _customer.Time.Advance(TimeSpan.FromMinutes(1));

        using var response = await _api.TimeSyncAsync(renewalId, first, _api.TokenCode("demo02"));

        Assert.Equal("completed", (await RenewalApi.StepOf(response)).GetProperty("next").GetString());
    }

    [Fact]
    public async Task Wrong_one_time_password_at_the_bank_is_G103e_from_the_api()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        var renewalId = await _api.StartAsync(thumbprint);

        using var response = await _api.OtpAsync(renewalId, _api.WrongCode("demo01"));

        Assert.Equal("G103e", await RenewalApi.CodeOf(response, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task demo03_without_a_token_stops_with_G014e_from_the_bank()
    {
        var thumbprint = await _api.IssueAsync("demo03");

        using var response = await _api.RenewAsync(thumbprint);

        Assert.Equal("G014e", await RenewalApi.CodeOf(response, HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task Revocation_in_remote_mode_revokes_at_the_bank_and_the_list_marks_it()
    {
        var thumbprint = await _api.IssueAsync("demo01");

        using var response = await _api.Client.PostAsJsonAsync($"/api/v1/certificates/{thumbprint}/revocation", new { password = RenewalApi.Password });

        Assert.Equal("issue", (await RenewalApi.StepOf(response)).GetProperty("next").GetString());
        Assert.True(_bank.Services.GetRequiredService<SandboxRegistry>().IsRevoked(thumbprint));
        Assert.True(Assert.Single((await _api.ListAsync()).EnumerateArray()).GetProperty("revoked").GetBoolean());
    }

    [Fact]
    public async Task A_certificate_revoked_by_the_banks_administrator_shows_as_revoked_from_the_banks_crl()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        var bank = _bank.Services.GetRequiredService<SandboxCenter>();
        var serial = _bank.Services.GetRequiredService<SandboxRegistry>().FindByThumbprint(thumbprint)!.SerialNumber;
        bank.RevokeAsAdministrator(Domain.Credentials.LoginId.Parse("admin01"), Domain.Credentials.LoginPassword.Parse(RenewalApi.Password), serial);

        var listed = Assert.Single((await _api.ListAsync()).EnumerateArray());

        Assert.True(listed.GetProperty("revoked").GetBoolean());
    }

    public void Dispose()
    {
        _api.Dispose();
        _customer.Dispose();
        _bank.Dispose();
    }
}
