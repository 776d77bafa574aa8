using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Issuance;
using CertPlatform.Application.Ports;
using CertPlatform.Sandbox;
using CertPlatform.Sandbox.Http;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Options;

namespace CertPlatform.Sandbox.Tests.Http;

/// <summary>The sandbox bank's pages and login API on the sandbox's HTTPS server, with real TLS client authentication.</summary>
public sealed class SandboxBankOverHttpsTests : IAsyncLifetime
{
    private readonly string _downloads = Directory.CreateTempSubdirectory("certplatform-bank-downloads-").FullName;
    private SandboxHttpsSite _site = null!;

    private Uri Bank => new(_site.BaseAddress, "bank/");

    public async Task InitializeAsync() =>
        _site = await SandboxHttpsSite.StartAsync(new() { ["Sandbox:Downloads:Directory"] = _downloads });

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        Directory.Delete(_downloads, recursive: true);
    }

    [Fact]
    public async Task BLGI001_is_served_with_a_policy_that_lets_its_scripts_reach_only_the_bank_and_the_helper()
    {
        using var client = Client();

        using var response = await client.GetAsync(Bank);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("BLGI001", html, StringComparison.Ordinal);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' http://127.0.0.1:52235;", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bank/acquire.html", "BSMS001")]
    [InlineData("bank/js/login.js", "login/certificate")]
    [InlineData("bank/css/bank.css", "--green")]
    public async Task The_pages_scripts_and_styles_come_from_the_assembly(string path, string content)
    {
        using var client = Client();

        var body = await client.GetStringAsync(new Uri(_site.BaseAddress, path));

        Assert.Contains(content, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_download_page_lists_the_built_packages_and_serves_only_them()
    {
        await File.WriteAllTextAsync(Path.Combine(_downloads, "certplatform-1.0.0-win-x64.msi"), "an msi");
        await File.WriteAllTextAsync(Path.Combine(_downloads, "feed-signing-key.pem"), "-----BEGIN PRIVATE KEY-----");
        using var client = Client();

        var list = await client.GetFromJsonAsync<JsonElement>(new Uri(Bank, "api/downloads"));
        using var package = await client.GetAsync(new Uri(Bank, "downloads/certplatform-1.0.0-win-x64.msi"));
        using var key = await client.GetAsync(new Uri(Bank, "downloads/feed-signing-key.pem"));

        var only = Assert.Single(list.EnumerateArray());
        Assert.Equal("windows", only.GetProperty("platform").GetString());
        Assert.Equal(6, only.GetProperty("size").GetInt64());
        Assert.Equal(HttpStatusCode.OK, package.StatusCode);
        Assert.Equal("an msi", await package.Content.ReadAsStringAsync());
        Assert.Equal("certplatform-1.0.0-win-x64.msi", package.Content.Headers.ContentDisposition?.FileNameStar ?? package.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(HttpStatusCode.NotFound, key.StatusCode);
    }

    [Fact]
    public async Task The_sites_root_sends_the_browser_to_BLGI001()
    {
        using var client = Client();

        using var response = await client.GetAsync(_site.BaseAddress);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/bank/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_certificate_presented_in_the_handshake_logs_in_and_opens_a_secure_session()
    {
        using var certificate = await IssueAsync();
        using var client = Client(certificate);

        using var login = await client.PostAsJsonAsync(new Uri(Bank, "api/login/certificate"), new { });
        var session = await login.Content.ReadFromJsonAsync<JsonElement>();
        var cookie = login.Headers.GetValues("Set-Cookie").Single();
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(Bank, "api/session"));
        again.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var top = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(certificate.GetNameInfo(X509NameType.SimpleName, false), session.GetProperty("commonName").GetString());
        Assert.Equal("Certificate", session.GetProperty("method").GetString());
        Assert.StartsWith("__Host-sandbox-bank=", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, top.StatusCode);
    }

    [Theory]
    [InlineData("ja", "有効な電子証明書が確認できませんでした。")]
    [InlineData("en", "No valid electronic certificate was presented.")]
    public async Task Without_a_certificate_the_login_is_G232e_with_its_remedy_in_the_pages_language(string language, string title)
    {
        using var client = Client();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        using var response = await client.PostAsJsonAsync(new Uri(Bank, "api/login/certificate"), new { });
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(title, body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", body, StringComparison.Ordinal);
        Assert.Equal("urn:certplatform:error:G232e", problem.GetProperty("type").GetString());
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("G232e", problem.GetProperty("code").GetString());
        Assert.StartsWith(title, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("remedy").GetString()));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_cross_site_form_post_cannot_log_in()
    {
        using var certificate = await IssueAsync();
        using var client = Client(certificate);

        using var response = await client.PostAsync(new Uri(Bank, "api/login/certificate"), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Without_a_session_the_top_page_has_nobody_to_greet()
    {
        using var client = Client();

        using var response = await client.GetAsync(new Uri(Bank, "api/session"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_pages_can_be_pointed_at_another_helper_such_as_a_customers_in_Remote_mode()
    {
        await using var site = await SandboxHttpsSite.StartAsync(new() { ["Sandbox:Https:BankHelperUrl"] = "http://127.0.0.1:52240/" });
        using var client = Client(root: site.Sandbox.Get<SandboxCaKeys>().PublicCertificate);
        using var page = await client.GetAsync(new Uri(site.BaseAddress, "bank/"));
        var config = await client.GetFromJsonAsync<JsonElement>(new Uri(site.BaseAddress, "bank/api/config"));

        Assert.Equal("http://127.0.0.1:52240/", config.GetProperty("helperUrl").GetString());
        Assert.Contains("connect-src 'self' http://127.0.0.1:52240;", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://bank.example/")]
    [InlineData("file:///tmp/x")]
    [InlineData("127.0.0.1:52240")]
    public void A_helper_address_off_this_PC_is_refused_at_start(string url)
    {
        using var sandbox = new SandboxFixture(new Dictionary<string, string?> { ["Sandbox:Https:BankHelperUrl"] = url }, DateTimeOffset.UtcNow);

        var refusal = Assert.Throws<OptionsValidationException>(() => sandbox.Get<IOptions<SandboxHttpsOptions>>().Value);
        Assert.Contains("Sandbox:Https:BankHelperUrl", refusal.Message, StringComparison.Ordinal);
    }

    private HttpClient Client(X509Certificate2? certificate = null, X509Certificate2? root = null) =>
        SandboxHttpsClient.Create(root ?? _site.Sandbox.Get<SandboxCaKeys>().PublicCertificate, certificate);

    private async Task<X509Certificate2> IssueAsync()
    {
        var handler = new IssueCertificateHandler(
            _site.Sandbox.Get<ICenterGateway>(),
            _site.Sandbox.Get<ICertificateAuthority>(),
            _site.Sandbox.Get<CertificateInstaller>(),
            _site.Sandbox.Get<IOptions<CertificateOptions>>());
        var result = await handler.Handle(new IssueCertificate("demo01", "Sandbox-Pass-01", "ECDSA-P256"), default);
        return _site.Sandbox.Get<ICertificateStore>().Find(result.Thumbprint)!;
    }
}
