using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPlatform.Sandbox;
using CertPlatform.Sandbox.Totp;

namespace CertPlatform.LocalHost.Tests.Renewals;

public sealed class SandboxTokenApiTests : IDisposable
{
    private static readonly TotpToken DemoToken = TotpToken.FromBase32(SandboxAccounts.DemoTokenSecret, 60, 6);

    private readonly HelperFactory _factory = new(HelperFactory.RenewalDemo);
    private readonly HttpClient _client;

    public SandboxTokenApiTests() => _client = _factory.CreateApiClient();

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task The_sandbox_shows_what_demo01s_token_shows()
    {
        var token = await _client.GetFromJsonAsync<JsonElement>("/api/v1/sandbox/tokens/demo01");

        Assert.Equal("demo01", token.GetProperty("loginId").GetString());
        Assert.Equal(DemoToken.CodeAt(_factory.Time.GetUtcNow()), token.GetProperty("code").GetString());
        Assert.Equal(30, token.GetProperty("secondsRemaining").GetInt32());
        Assert.Equal(DemoToken.CodeAt(_factory.Time.GetUtcNow().AddSeconds(30)), token.GetProperty("nextCode").GetString());
    }

    [Fact]
    public async Task The_sandbox_shows_demo02s_token_five_minutes_ahead()
    {
        var token = await _client.GetFromJsonAsync<JsonElement>("/api/v1/sandbox/tokens/demo02");

        Assert.Equal(DemoToken.CodeAt(_factory.Time.GetUtcNow().AddSeconds(300)), token.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("demo03")]
    [InlineData("nobody")]
    public async Task A_user_without_a_token_gets_404_with_G014e(string loginId)
    {
        using var response = await _client.GetAsync($"/api/v1/sandbox/tokens/{loginId}");

        Assert.Equal("G014e", await RenewalApi.CodeOf(response, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task The_404_is_the_api_s_catalog_problem_in_the_request_s_language_without_a_trace_id()
    {
        using var client = _factory.CreatePageClient("ja");
        using var response = await client.GetAsync("/api/v1/sandbox/tokens/demo03");
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("G014e", problem.GetProperty("code").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("ワンタイムパスワードの利用開始登録", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("remedy").GetString()));
        Assert.False(problem.TryGetProperty("traceId", out _));
        Assert.Contains("ワンタイムパスワードの利用開始登録", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swagger_documents_the_renewal_endpoints_and_their_steps()
    {
        var document = await _client.GetStringAsync("/swagger/v1/swagger.json");

        Assert.Contains("/api/v1/certificates/{thumbprint}/renewal", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/renewals/{renewalId}/otp", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/sandbox/tokens/{loginId}", document, StringComparison.Ordinal);
        Assert.Contains("\"timeSync\"", document, StringComparison.Ordinal);
    }
}
