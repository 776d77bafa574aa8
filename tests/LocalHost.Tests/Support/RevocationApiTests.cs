using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPlatform.LocalHost.Tests.Renewals;
using CertPlatform.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.LocalHost.Tests.Support;

/// <summary>Revocation through the helper's API: the holder's own, an administrator's, and what the list, renewal and the CRL say after.</summary>
public sealed class RevocationApiTests : IDisposable
{
    private readonly HelperFactory _helper = new(HelperFactory.RenewalDemo);
    private readonly RenewalApi _api;

    public RevocationApiTests() => _api = new RenewalApi(_helper);

    [Fact]
    public async Task Issue_revoke_then_the_list_shows_revoked_renewal_is_refused_and_the_crl_lists_the_serial()
    {
        var thumbprint = await _api.IssueAsync("demo01");

        using var revocation = await RevokeAsync(thumbprint);
        var revoked = await RenewalApi.StepOf(revocation);
        var listed = Assert.Single((await _api.ListAsync()).EnumerateArray());
        var details = await _api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{thumbprint}");
        using var renewal = await _api.RenewAsync(thumbprint);
        var crl = await _api.Client.GetByteArrayAsync("/sandbox/crl/sandbox-ca.crl");

        Assert.Equal("issue", revoked.GetProperty("next").GetString());
        Assert.Equal("G254i", revoked.GetProperty("code").GetString());
        Assert.Contains("Issue a new certificate", revoked.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(listed.GetProperty("revoked").GetBoolean());
        Assert.False(listed.GetProperty("renewable").GetBoolean());
        Assert.True(details.GetProperty("revoked").GetBoolean());
        Assert.Equal("G208e", await RenewalApi.CodeOf(renewal, HttpStatusCode.Forbidden));
        var serial = revoked.GetProperty("serialNumber").GetString()!;
        Assert.Equal(listed.GetProperty("serialNumber").GetString(), serial);
        Assert.True(CertificateRevocationListBuilder.Load(crl, out _).RemoveEntry(Convert.FromHexString(serial)), "the CRL lists the serial");
    }

    [Fact]
    public async Task The_guidance_to_issue_anew_is_in_japanese_by_default()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        var client = _helper.CreatePageClient("ja");

        using var response = await client.PostAsJsonAsync($"/api/v1/certificates/{thumbprint}/revocation", new { password = RenewalApi.Password });
        var revoked = await RenewalApi.StepOf(response);

        Assert.Equal("電子証明書を失効しました。新しい電子証明書を発行してください。[G254i]", revoked.GetProperty("message").GetString());
        Assert.Contains("「証明書発行」ボタン", revoked.GetProperty("guidance").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_on_revocation_is_G101e_and_the_certificate_stays_valid()
    {
        var thumbprint = await _api.IssueAsync("demo01");

        using var response = await RevokeAsync(thumbprint, "Wrong-Pass-99");

        Assert.Equal("G101e", await RenewalApi.CodeOf(response, HttpStatusCode.Unauthorized));
        Assert.False(Assert.Single((await _api.ListAsync()).EnumerateArray()).GetProperty("revoked").GetBoolean());
        Assert.False(_helper.Services.GetRequiredService<SandboxRegistry>().IsRevoked(thumbprint));
    }

    [Fact]
    public async Task The_administrator_user_revokes_demo01s_certificate_and_the_list_shows_it()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        var serial = Assert.Single((await _api.ListAsync()).EnumerateArray()).GetProperty("serialNumber").GetString();

        using var response = await _api.Client.PostAsJsonAsync(
            "/api/v1/certificates/revocations", new { loginId = "admin01", password = RenewalApi.Password, serialNumber = serial });
        var revoked = await RenewalApi.StepOf(response);

        Assert.Equal(thumbprint, revoked.GetProperty("thumbprint").GetString());
        Assert.Equal("admin01", _helper.Services.GetRequiredService<SandboxRegistry>().FindByThumbprint(thumbprint)!.RevokedBy);
        Assert.True(Assert.Single((await _api.ListAsync()).EnumerateArray()).GetProperty("revoked").GetBoolean());
    }

    [Fact]
    public async Task A_user_who_is_not_an_administrator_cannot_revoke_anothers_certificate()
    {
        await _api.IssueAsync("demo01");
        var serial = Assert.Single((await _api.ListAsync()).EnumerateArray()).GetProperty("serialNumber").GetString();

        using var response = await _api.Client.PostAsJsonAsync(
            "/api/v1/certificates/revocations", new { loginId = "demo02", password = RenewalApi.Password, serialNumber = serial });

        Assert.Equal("G253e", await RenewalApi.CodeOf(response, HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task A_certificate_revoked_at_the_bank_shows_as_revoked_once_the_cached_crl_is_renewed()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        Assert.False(Assert.Single((await _api.ListAsync()).EnumerateArray()).GetProperty("revoked").GetBoolean());
        _helper.Services.GetRequiredService<SandboxRegistry>().Revoke(thumbprint, _helper.Time.GetUtcNow(), "bank");

        var cached = Assert.Single((await _api.ListAsync()).EnumerateArray());
        _helper.Time.Advance(TimeSpan.FromMinutes(16));
        var refreshed = Assert.Single((await _api.ListAsync()).EnumerateArray());

        Assert.False(cached.GetProperty("revoked").GetBoolean());
        Assert.True(refreshed.GetProperty("revoked").GetBoolean());
    }

    [Fact]
    public async Task A_revoked_certificate_may_be_removed_from_the_store()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        using var revocation = await RevokeAsync(thumbprint);
        await RenewalApi.StepOf(revocation);

        using var removal = await _api.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/certificates/{thumbprint}")
        {
            Content = JsonContent.Create(new { confirm = true }),
        });

        Assert.Equal(HttpStatusCode.OK, removal.StatusCode);
        Assert.Empty((await _api.ListAsync()).EnumerateArray());
    }

    private Task<HttpResponseMessage> RevokeAsync(string thumbprint, string password = RenewalApi.Password) =>
        _api.Client.PostAsJsonAsync($"/api/v1/certificates/{thumbprint}/revocation", new { password });

    public void Dispose()
    {
        _api.Dispose();
        _helper.Dispose();
    }
}
