using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CertPlatform.LocalHost.Security;
using CertPlatform.LocalHost.Tests.Renewals;
using CertPlatform.LocalHost.Tests.Security;
using CertPlatform.Sandbox;
using CertPlatform.Sandbox.Http;
using CertPlatform.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.LocalHost.Tests;

/// <summary>
/// A customer behind a company proxy that wants an ID and password: the customer's helper in Remote mode reaches the
/// bank (the HTTPS sandbox of a second helper) only through Debian's squid with basic authentication, over CONNECT.
/// Driven through the API as the proxy sign-in screen drives it: the 407 (G009e), the pair, the request again.
/// </summary>
public sealed class ProxySignInTests : IAsyncLifetime
{
    private const string ProxyUser = "alice";
    private const string ProxyPassword = "Proxy-Pass-9fQ2";

    private readonly HelperFactory _bank = new(new Dictionary<string, string?>
    {
        ["Sandbox:Https:Enabled"] = "true",
        ["Sandbox:Https:Port"] = "0",
        ["Sandbox:CertificateLifetimeDays"] = "30",
    });

    private SquidProxy _squid = null!;
    private HelperFactory? _customer;

    public async Task InitializeAsync() => _squid = await SquidProxy.StartAsync(ProxyUser, ProxyPassword);

    public async Task DisposeAsync()
    {
        _customer?.Dispose();
        _bank.Dispose();
        await _squid.DisposeAsync();
    }

    [Fact]
    public async Task A_407_asks_for_the_pair_a_wrong_one_is_G009e_again_and_the_right_one_issues_and_renews_through_the_tunnel()
    {
        using var api = new RenewalApi(Customer());

        // No pair: the proxy's 407 is G009e, and nothing reached the store.
        using (var refused = await IssueAsync(api))
        {
            Assert.Equal("G009e", await RenewalApi.CodeOf(refused, HttpStatusCode.Unauthorized));
        }

        Assert.Empty((await api.ListAsync()).EnumerateArray());

        // A wrong pair: taken, and the request again is G009e again.
        (await SignInAsync(api.Client, ProxyUser, "Wrong-Pass-1")).EnsureSuccessStatusCode();
        using (var wrong = await IssueAsync(api))
        {
            Assert.Equal("G009e", await RenewalApi.CodeOf(wrong, HttpStatusCode.Unauthorized));
        }

        // The right pair: issuance and renewal run through squid's CONNECT tunnels.
        (await SignInAsync(api.Client, ProxyUser, ProxyPassword)).EnsureSuccessStatusCode();
        var thumbprint = await api.IssueAsync("demo01");
        var renewalId = await api.StartAsync(thumbprint);
        using (var renewed = await api.OtpAsync(renewalId, api.TokenCode("demo01")))
        {
            var step = await RenewalApi.StepOf(renewed);
            Assert.Equal("completed", step.GetProperty("next").GetString());
        }

        var bank = _bank.Services.GetRequiredService<SandboxHttpsServer>().BaseAddress!.Authority;
        Assert.Contains($"CONNECT {bank}", _squid.AccessLog, StringComparison.Ordinal);
        Assert.Contains("TCP_TUNNEL/200", _squid.AccessLog, StringComparison.Ordinal);
        Assert.Contains($"{ProxyUser} HIER_DIRECT", _squid.AccessLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renewal_step_the_proxy_stopped_may_be_sent_again_after_the_sign_in()
    {
        using var api = new RenewalApi(Customer());
        (await SignInAsync(api.Client, ProxyUser, ProxyPassword)).EnsureSuccessStatusCode();
        var thumbprint = await api.IssueAsync("demo01");
        var renewalId = await api.StartAsync(thumbprint);

        // The pair is forgotten and the proxy restarted, its tunnels gone: the one-time password meets the 407.
        (await api.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/proxy/sign-in") { Content = JsonContent.Create(new { }) })).EnsureSuccessStatusCode();
        await _squid.RestartAsync();
        using (var stopped = await api.OtpAsync(renewalId, api.TokenCode("demo01")))
        {
            Assert.Equal("G009e", await RenewalApi.CodeOf(stopped, HttpStatusCode.Unauthorized));
        }

        (await SignInAsync(api.Client, ProxyUser, ProxyPassword)).EnsureSuccessStatusCode();
        using var renewed = await api.OtpAsync(renewalId, api.TokenCode("demo01"));
        Assert.Equal("completed", (await RenewalApi.StepOf(renewed)).GetProperty("next").GetString());
    }

    [Fact]
    public async Task The_configured_pair_works_without_the_screen()
    {
        using var api = new RenewalApi(Customer(new()
        {
            ["Network:Proxy:UserName"] = ProxyUser,
            ["Network:Proxy:Password"] = ProxyPassword,
        }));

        var thumbprint = await api.IssueAsync("demo02");

        Assert.Contains(thumbprint, (await api.ListAsync()).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_that_answers_503_to_the_connect_is_G005e_and_the_store_is_unchanged()
    {
        // The CA's address is a closed port: squid answers the CONNECT with 503.
        using var api = new RenewalApi(Customer(new() { ["Ca:EstBaseUrl"] = $"https://127.0.0.1:{ClosedPort()}/" }));
        (await SignInAsync(api.Client, ProxyUser, ProxyPassword)).EnsureSuccessStatusCode();

        using var failed = await IssueAsync(api);

        Assert.Equal("G005e", await RenewalApi.CodeOf(failed, HttpStatusCode.ServiceUnavailable));
        Assert.Empty((await api.ListAsync()).EnumerateArray());
        Assert.Contains("NONE_NONE/503", _squid.AccessLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tunnel_the_far_end_drops_is_a_connection_failure_and_the_store_is_unchanged()
    {
        // Squid opens the tunnel (200), and the CA's address closes every connection at once.
        using var dropping = new TcpListener(IPAddress.Loopback, 0);
        dropping.Start();
        var port = ((IPEndPoint)dropping.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var dropper = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var connection = await dropping.AcceptTcpClientAsync(stop.Token);
                connection.Client.LingerState = new LingerOption(true, 0);
            }
        });
        using var api = new RenewalApi(Customer(new() { ["Ca:EstBaseUrl"] = $"https://127.0.0.1:{port}/" }));
        (await SignInAsync(api.Client, ProxyUser, ProxyPassword)).EnsureSuccessStatusCode();

        using var failed = await IssueAsync(api);

        await stop.CancelAsync();
        // Dropped during the TLS handshake it is G207e (someone interfered with the secure connection); dropped before
        // the handshake began it is G005e (the connection broke). Which one comes first is the race of two sockets.
        Assert.Contains(await RenewalApi.CodeOf(failed, HttpStatusCode.ServiceUnavailable), new[] { "G207e", "G005e" });
        Assert.Empty((await api.ListAsync()).EnumerateArray());
    }

    [Fact]
    public async Task The_pair_reaches_no_log_and_no_answer()
    {
        var customer = Customer();
        using var api = new RenewalApi(customer);
        using var signedIn = await SignInAsync(api.Client, ProxyUser, ProxyPassword);
        var answer = await signedIn.Content.ReadAsStringAsync();
        await api.IssueAsync("demo01");
        using var bundle = await api.Client.GetAsync("/api/v1/support/bundle");
        var bundleBytes = await bundle.Content.ReadAsByteArrayAsync();

        Assert.Equal("""{"signedIn":true}""", answer);
        Assert.DoesNotContain(ProxyPassword, await File.ReadAllTextAsync(customer.LogFile), StringComparison.Ordinal);
        Assert.DoesNotContain(ProxyPassword, System.Text.Encoding.UTF8.GetString(bundleBytes), StringComparison.Ordinal);
        Assert.DoesNotContain(ProxyPassword, JsonSerializer.Serialize(await api.ListAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bank_page_cannot_set_the_users_proxy_account_nor_a_program_without_the_token()
    {
        var customer = Customer();
        var client = customer.CreateClient();

        using var fromBank = await client.SendAsync(Requests.Post("/api/v1/proxy/sign-in", """{"userName":"x","password":"y"}""", HelperFactory.BankOrigin));
        using var fromProgram = await client.SendAsync(Requests.Post("/api/v1/proxy/sign-in", """{"userName":"x","password":"y"}""", origin: null));

        Assert.Equal(HttpStatusCode.Forbidden, fromBank.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromProgram.StatusCode);
        Assert.False(customer.Services.GetRequiredService<CertPlatform.Application.Ports.IProxyCredentials>().IsSignedIn);
    }

    [Fact]
    public async Task An_empty_id_is_G006e_and_changes_nothing()
    {
        var customer = Customer();
        var client = customer.CreateApiClient();

        using var refused = await SignInAsync(client, string.Empty, ProxyPassword);

        Assert.Equal("G006e", await RenewalApi.CodeOf(refused, HttpStatusCode.BadRequest));
        Assert.False(customer.Services.GetRequiredService<CertPlatform.Application.Ports.IProxyCredentials>().IsSignedIn);
    }

    private HelperFactory Customer(Dictionary<string, string?>? extra = null)
    {
        var sandbox = _bank.Services.GetRequiredService<SandboxHttpsServer>().BaseAddress
            ?? throw new InvalidOperationException("The bank's HTTPS sandbox did not start.");
        var settings = new Dictionary<string, string?>
        {
            ["Center:Mode"] = "Remote",
            ["Center:BaseUrl"] = sandbox.ToString(),
            ["Ca:EstBaseUrl"] = sandbox.ToString(),
            ["Ca:TrustAnchorPath"] = _bank.Services.GetRequiredService<SandboxCaKeys>().CertificatePath,
            ["Network:Proxy:Mode"] = "Explicit",
            ["Network:Proxy:Url"] = _squid.Url,
            ["Certificates:DefaultKeyAlgorithm"] = "EcdsaP256",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        _customer = new HelperFactory(settings);
        return _customer;
    }

    private static Task<HttpResponseMessage> IssueAsync(RenewalApi api) =>
        api.Client.PostAsJsonAsync("/api/v1/certificates/issue", new { loginId = "demo01", password = RenewalApi.Password });

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/v1/proxy/sign-in", new { userName, password });

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
