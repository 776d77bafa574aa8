using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPlatform.Application.Ports;
using CertPlatform.Infrastructure.Sandbox;
using CertPlatform.Infrastructure.Sandbox.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.LocalHost.Tests;

/// <summary>
/// Two helpers, as a developer runs them: one is the bank (Embedded, its sandbox served over HTTPS on a loopback port
/// by the hosted service), the other is the customer's helper in Remote mode pointed at it, driven through its API.
/// </summary>
public sealed class RemoteModeApiTests : IDisposable
{
    private readonly HelperFactory _bank = new(new Dictionary<string, string?>
    {
        ["Sandbox:Https:Enabled"] = "true",
        ["Sandbox:Https:Port"] = "0",
    });

    private readonly HelperFactory _customer;

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
        });
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

    public void Dispose()
    {
        _customer.Dispose();
        _bank.Dispose();
    }
}
