using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPlatform.Sandbox;
using CertPlatform.Sandbox.Totp;

namespace CertPlatform.LocalHost.Tests.Renewals;

/// <summary>The helper's API as the renewal screens call it, and the demo users' tokens computed from their secret.</summary>
internal sealed class RenewalApi(HelperFactory factory) : IDisposable
{
    public const string Password = "Sandbox-Pass-01";

    private static readonly TotpToken DemoToken = TotpToken.FromBase32(SandboxAccounts.DemoTokenSecret, 60, 6);

    private readonly HttpClient _client = factory.CreateApiClient();

    public HttpClient Client => _client;

    /// <summary>What the user's hardware token shows on the fake clock (demo02's runs five minutes ahead).</summary>
    public string TokenCode(string loginId) =>
        DemoToken.CodeAt(factory.Time.GetUtcNow().AddSeconds(loginId == "demo02" ? 300 : 0));

    /// <summary>A code the token shows at no point within ten minutes either way.</summary>
    public string WrongCode(string loginId)
    {
        var around = DemoToken.StepAt(factory.Time.GetUtcNow().AddSeconds(loginId == "demo02" ? 300 : 0));
        var shown = Enumerable.Range(-12, 25).Select(i => DemoToken.CodeOfStep(around + i)).ToHashSet();
        return Enumerable.Range(1, 100).Select(i => (i * 104729 % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            .First(c => !shown.Contains(c));
    }

    public async Task<string> IssueAsync(string loginId)
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/certificates/issue", new { loginId, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
        return issued.GetProperty("thumbprint").GetString()!;
    }

    public Task<HttpResponseMessage> RenewAsync(string thumbprint, string password = Password) =>
        _client.PostAsJsonAsync($"/api/v1/certificates/{thumbprint}/renewal", new { password });

    public Task<HttpResponseMessage> OtpAsync(string renewalId, string otp) =>
        _client.PostAsJsonAsync($"/api/v1/renewals/{renewalId}/otp", new { otp });

    public Task<HttpResponseMessage> TimeSyncAsync(string renewalId, string current, string next) =>
        _client.PostAsJsonAsync($"/api/v1/renewals/{renewalId}/otp", new { current, next });

    /// <summary>The password step, which must ask for the one-time password; returns the renewal's id.</summary>
    public async Task<string> StartAsync(string thumbprint)
    {
        using var response = await RenewAsync(thumbprint);
        var step = await StepOf(response);
        Assert.Equal("otp", step.GetProperty("next").GetString());
        return step.GetProperty("renewalId").GetString()!;
    }

    public async Task<JsonElement> ListAsync()
    {
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/v1/certificates?includeExpired=true");
        return list.GetProperty("certificates");
    }

    public static async Task<JsonElement> StepOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The catalog code of a problem response, checked to be a problem with that HTTP status.</summary>
    public static async Task<string> CodeOf(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!;
    }

    public void Dispose() => _client.Dispose();
}
