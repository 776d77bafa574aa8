using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPlatform.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.LocalHost.Tests;

/// <summary>The manual's FAQ done by the helper: look at a certificate, export its public part, remove it once expired.</summary>
public sealed class CertificateCareApiTests : IDisposable
{
    private readonly HelperFactory _helper = new();

    [Fact]
    public async Task Details_show_validity_days_left_key_type_and_key_presence()
    {
        var client = _helper.CreatePageClient();
        var thumbprint = await IssueAsync(client, "ECDSA-P256");

        var details = await client.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{thumbprint}");

        Assert.Equal(thumbprint, details.GetProperty("thumbprint").GetString());
        Assert.Equal("ECDSA-P256", details.GetProperty("keyAlgorithm").GetString());
        Assert.True(details.GetProperty("hasPrivateKey").GetBoolean());
        Assert.Equal(366, details.GetProperty("daysLeft").GetInt32());
        Assert.Equal("NotYetOpen", details.GetProperty("renewalStatus").GetString());
        Assert.Contains("CertPlatform Sandbox CA - G1", details.GetProperty("issuer").GetString(), StringComparison.Ordinal);

        // Off Windows the OS keeps a software key the user's programs can read; Windows answers from the CNG key.
        Assert.Contains(details.GetProperty("keyStorage").GetString(), OperatingSystem.IsWindows() ? (string[])["software", "tpm"] : ["software"]);
        Assert.Equal(!OperatingSystem.IsWindows(), details.GetProperty("privateKeyExportable").GetBoolean());
    }

    [Theory]
    [InlineData("pem", "application/x-pem-file")]
    [InlineData("der", "application/pkix-cert")]
    public async Task Export_gives_the_public_certificate_only(string format, string contentType)
    {
        var client = _helper.CreatePageClient();
        var thumbprint = await IssueAsync(client);

        var response = await client.GetAsync($"/api/v1/certificates/{thumbprint}/export?format={format}");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        using var exported = format == "pem"
            ? X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(bytes))
            : X509CertificateLoader.LoadCertificate(bytes);
        Assert.Equal(thumbprint, exported.Thumbprint);
        Assert.False(exported.HasPrivateKey);
        Assert.DoesNotContain("PRIVATE KEY", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_with_the_private_key_is_refused_with_the_manuals_explanation()
    {
        var client = _helper.CreatePageClient("ja");
        var thumbprint = await IssueAsync(client);

        var response = await client.GetAsync($"/api/v1/certificates/{thumbprint}/export?includePrivateKey=true");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("G209e", problem.GetProperty("code").GetString());
        Assert.Contains("バックアップはできない", problem.GetProperty("remedy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_certificate_is_not_removed()
    {
        var client = _helper.CreatePageClient();
        var thumbprint = await IssueAsync(client);

        var response = await Remove(client, thumbprint, confirm: true);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("G240e", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Single(Store.List());
    }

    [Fact]
    public async Task An_expired_certificate_is_removed_only_after_the_user_confirms()
    {
        var client = _helper.CreatePageClient();
        var thumbprint = await IssueAsync(client);
        _helper.Time.Advance(TimeSpan.FromDays(367));

        var unconfirmed = await Remove(client, thumbprint, confirm: false);
        var expiredListed = await client.GetFromJsonAsync<JsonElement>("/api/v1/certificates?includeExpired=true");
        var confirmed = await Remove(client, thumbprint, confirm: true);

        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.True(Assert.Single(expiredListed.GetProperty("certificates").EnumerateArray()).GetProperty("expired").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Empty(Store.List());
    }

    [Fact]
    public async Task An_unknown_certificate_is_G203e()
    {
        var response = await _helper.CreatePageClient().GetAsync($"/api/v1/certificates/{new string('A', 40)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("G203e", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private ICertificateStore Store => _helper.Services.GetRequiredService<ICertificateStore>();

    private static async Task<string> IssueAsync(HttpClient client, string? keyAlgorithm = null)
    {
        var response = await HelperFactory.Issue(client, keyAlgorithm: keyAlgorithm);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("thumbprint").GetString()!;
    }

    private static Task<HttpResponseMessage> Remove(HttpClient client, string thumbprint, bool confirm) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/certificates/{thumbprint}") { Content = JsonContent.Create(new { confirm }) });

    public void Dispose() => _helper.Dispose();
}
