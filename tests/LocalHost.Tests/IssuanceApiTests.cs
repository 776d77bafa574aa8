using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CertPlatform.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.LocalHost.Tests;

public sealed class IssuanceApiTests : IDisposable
{
    private readonly HelperFactory _helper = new();

    [Fact]
    public async Task Status_says_version_embedded_center_and_the_private_store()
    {
        var status = await _helper.CreatePageClient().GetFromJsonAsync<JsonElement>("/api/v1/status");

        Assert.Equal("Embedded", status.GetProperty("centerMode").GetString());
        Assert.Contains(_helper.StoreName, status.GetProperty("store").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(status.GetProperty("version").GetString()));
        Assert.Contains(status.GetProperty("keyStorage").GetString(), OperatingSystem.IsWindows() ? (string[])["software", "tpm"] : ["software"]);
    }

    [Fact]
    public async Task A_demo_user_gets_a_certificate_installed_with_its_key_and_listed()
    {
        var client = _helper.CreatePageClient();

        var response = await HelperFactory.Issue(client);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/certificates");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var thumbprint = result.GetProperty("thumbprint").GetString()!;
        Assert.StartsWith("demo01 A001 ", result.GetProperty("commonName").GetString(), StringComparison.Ordinal);
        Assert.Equal("(2235)CERTPLATFORM SANDBOX BANK", result.GetProperty("organization").GetString());
        Assert.Matches("^[0-9a-f]{32}$", result.GetProperty("serialNumber").GetString());
        using (var installed = _helper.Services.GetRequiredService<ICertificateStore>().Find(thumbprint))
        {
            Assert.NotNull(installed);
            Assert.True(installed.HasPrivateKey);
        }

        var listed = Assert.Single(list.GetProperty("certificates").EnumerateArray());
        Assert.Equal(thumbprint, listed.GetProperty("thumbprint").GetString());
        Assert.Equal(366, listed.GetProperty("daysLeft").GetInt32());
        Assert.False(listed.GetProperty("renewable").GetBoolean());
    }

    [Theory]
    [InlineData("ja", "ログインIDまたはログインパスワードに誤りがあります。[G101e]")]
    [InlineData("en", "The login ID or login password is not correct.[G101e]")]
    public async Task A_wrong_password_is_G101e_in_the_users_language_and_installs_nothing(string language, string title)
    {
        var response = await HelperFactory.Issue(_helper.CreatePageClient(language), password: "Wrong-Pass-01");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("G101e", problem.GetProperty("code").GetString());
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("remedy").GetString()));
        Assert.Empty(_helper.Services.GetRequiredService<ICertificateStore>().List());
    }

    [Fact]
    public async Task Bad_input_is_G006e_with_a_message_per_field()
    {
        var response = await HelperFactory.Issue(_helper.CreatePageClient("en"), loginId: "ab", password: "short");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("G006e", problem.GetProperty("code").GetString());
        Assert.Equal("There is an error in what you entered.[G006e]", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("loginId", out _));
        Assert.True(errors.TryGetProperty("password", out _));
        Assert.DoesNotContain("short", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"loginId\": \"demo01\", \"password\": ")]
    [InlineData("{\"loginId\": 12, \"password\": true}")]
    [InlineData("[]")]
    public async Task A_body_that_is_not_the_expected_JSON_is_G006e(string body)
    {
        var response = await _helper.CreatePageClient().PostAsync("/api/v1/certificates/issue", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("G006e", problem.GetProperty("code").GetString());
        Assert.False(problem.TryGetProperty("detail", out _));
    }

    [Fact]
    public async Task A_double_click_with_the_same_request_id_issues_one_certificate()
    {
        var client = _helper.CreatePageClient();
        client.DefaultRequestHeaders.Add("X-Request-Id", Guid.NewGuid().ToString());

        var both = await Task.WhenAll(HelperFactory.Issue(client), HelperFactory.Issue(client));
        var thumbprints = await Task.WhenAll(both.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("thumbprint").GetString()));

        Assert.All(both, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(thumbprints[0], thumbprints[1]);
        Assert.Single(_helper.Services.GetRequiredService<ICertificateStore>().List());
    }

    [Fact]
    public async Task The_same_request_id_with_another_body_is_refused()
    {
        var client = _helper.CreatePageClient();
        client.DefaultRequestHeaders.Add("X-Request-Id", Guid.NewGuid().ToString());
        await HelperFactory.Issue(client);

        var second = await HelperFactory.Issue(client, keyAlgorithm: "ECDSA-P256");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("G306e", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task No_password_reaches_the_log_file_or_a_response()
    {
        var client = _helper.CreatePageClient();
        var bodies = new List<string>();
        foreach (var (loginId, password) in new[] { ("demo01", HelperFactory.DemoPassword), ("demo01", "Wrong-Pass-Secret-9"), ("x", "Bad Input Secret") })
        {
            var response = await HelperFactory.Issue(client, loginId, password);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        // The file sink is not buffered: every event is in the file when the request ends.
        var log = await ReadShared(_helper.LogFile);

        Assert.Contains("IssueCertificate", log, StringComparison.Ordinal);
        foreach (var secret in new[] { HelperFactory.DemoPassword, "Wrong-Pass-Secret-9", "Bad Input Secret" })
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
            Assert.All(bodies, b => Assert.DoesNotContain(secret, b, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Swagger_documents_the_endpoints()
    {
        var swagger = await _helper.CreatePageClient().GetStringAsync("/swagger/v1/swagger.json");

        Assert.Contains("/api/v1/certificates/issue", swagger, StringComparison.Ordinal);
        Assert.Contains("/api/v1/status", swagger, StringComparison.Ordinal);
        Assert.Contains("Sandbox-Pass-01", swagger, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swagger_UI_is_served_at_swagger()
    {
        var page = await _helper.CreatePageClient().GetStringAsync("/swagger/index.html");

        Assert.Contains("<title>CertPlatform helper API</title>", page, StringComparison.Ordinal);
    }

    private static async Task<string> ReadShared(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    public void Dispose() => _helper.Dispose();
}
