using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPlatform.Application.Ports;
using CertPlatform.Infrastructure.Sandbox;
using CertPlatform.Infrastructure.Sandbox.Http;
using CertPlatform.LocalHost.Tests.Renewals;
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
        });
        _api = new RenewalApi(_customer);
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

    public void Dispose()
    {
        _api.Dispose();
        _customer.Dispose();
        _bank.Dispose();
    }
}
