using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Tests.Fixtures;
using CertPlatform.Sandbox;
using CertPlatform.Sandbox.Http;
using CertPlatform.Sandbox.Totp;
using CertPlatform.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.Infrastructure.Tests.Sandbox;

/// <summary>
/// End to end over the network: the sandbox served over HTTPS on a loopback port plays the bank, and the helper's
/// own services in Remote mode (center client, EST client, trust anchors from the sandbox root) issue against it.
/// </summary>
public sealed class RemoteModeOnTheHttpsSandboxTests : IAsyncLifetime
{
    private static readonly TotpToken DemoToken = TotpToken.FromBase32(SandboxAccounts.DemoTokenSecret, SandboxTokens.StepSeconds, SandboxTokens.Digits);

    /// <summary>30-day certificates, so renewal is open at once (the README's renewal demo).</summary>
    private readonly SandboxFixture _bank = new(new Dictionary<string, string?>
    {
        ["Sandbox:Https:Port"] = "0",
        ["Sandbox:CertificateLifetimeDays"] = "30",
    });
    private SandboxHttpsServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = _bank.Get<SandboxHttpsServer>();
        await _server.StartAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync(default);
        _bank.Dispose();
    }

    [Fact]
    public async Task Issuance_in_remote_mode_installs_a_certificate_of_the_sandbox_ca()
    {
        using var helper = HelperPointedAtTheBank();

        var issued = await helper.IssueAsync();

        using var installed = helper.Services.GetRequiredService<ICertificateStore>().Find(issued.Thumbprint);
        Assert.NotNull(installed);
        Assert.True(installed.HasPrivateKey);
        Assert.StartsWith("demo01 A001 ", issued.CommonName, StringComparison.Ordinal);
        Assert.Contains(_bank.Get<SandboxRegistry>().All, r => r.Thumbprint == issued.Thumbprint);
    }

    [Fact]
    public async Task Certificate_issued_over_https_is_one_openssl_verifies_against_the_sandbox_root()
    {
        using var helper = HelperPointedAtTheBank();

        var issued = await helper.IssueAsync();

        using var installed = helper.Services.GetRequiredService<ICertificateStore>().Find(issued.Thumbprint)!;
        var leaf = Path.Combine(_bank.DataDirectory, "leaf.pem");
        await File.WriteAllTextAsync(leaf, installed.ExportCertificatePem());
        var (exitCode, output) = await ExternalTool.Run("openssl", "verify", "-purpose", "sslclient", "-CAfile", _bank.Get<SandboxCaKeys>().CertificatePath, leaf);
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task Wrong_password_at_the_https_sandbox_is_G101e_and_installs_nothing()
    {
        using var helper = HelperPointedAtTheBank();

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync(password: "Wrong-Pass-99"));

        Assert.Equal(ErrorCatalog.G101e.Code, refused.Error.Code);
        Assert.Equal(0, helper.Store.Count);
    }

    [Fact]
    public async Task Ca_certificates_over_https_are_the_sandbox_root()
    {
        using var helper = HelperPointedAtTheBank(label: "customers");

        var certificates = await helper.Ca.GetCaCertificatesAsync(default);

        Assert.Equal(_bank.Get<SandboxCaKeys>().PublicCertificate.Thumbprint, Assert.Single(certificates).Thumbprint);
    }

    [Fact]
    public async Task Https_sandbox_is_on_loopback_with_a_server_certificate_from_the_sandbox_root()
    {
        X509Certificate2? presented = null;
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return true;
        };
        using var client = new HttpClient(handler);

        using var response = await client.GetAsync(new Uri(_server.BaseAddress!, ".well-known/est/cacerts"));

        Assert.Equal("127.0.0.1", _server.BaseAddress!.Host);
        Assert.Equal(_bank.Get<SandboxCaKeys>().PublicCertificate.Subject, presented?.Issuer);
    }

    [Fact]
    public async Task Renewal_in_remote_mode_runs_over_tls_client_authentication_and_reenrolls()
    {
        using var helper = HelperPointedAtTheBank();
        var issued = await helper.IssueAsync();
        using var current = helper.Services.GetRequiredService<ICertificateStore>().Find(issued.Thumbprint)!;

        var begun = await helper.Center.BeginRenewalAsync(current, LoginPassword.Parse(RemoteHelper.DemoPassword), default);
        var authorized = await helper.Center.VerifyOtpAsync(begun.RenewalId, OneTimePassword.Parse(DemoToken.CodeAt(_bank.Time.GetUtcNow())), default);
        var renewed = await helper.Services.GetRequiredService<CertificateInstaller>().InstallAsync(
            authorized.Subject!, KeyAlgorithm.EcdsaP256, (request, ct) => helper.Ca.ReenrollAsync(request, authorized.Ticket!, current, ct), default);

        Assert.Equal(CenterRenewalNext.Otp, begun.Next);
        Assert.Equal(CenterRenewalNext.Ticket, authorized.Next);
        Assert.Equal(issued.Thumbprint, Assert.Single(_bank.Get<SandboxRegistry>().All, r => r.Thumbprint == renewed.Thumbprint).Renews);
        Assert.Equal(2, helper.Store.Count);
    }

    [Fact]
    public async Task Certificate_of_another_ca_cannot_begin_a_renewal_at_the_https_sandbox()
    {
        using var helper = HelperPointedAtTheBank();
        using var foreign = TestPki.CustomerWithKey();

        var refused = await Assert.ThrowsAsync<CertPlatformException>(
            () => helper.Center.BeginRenewalAsync(foreign, LoginPassword.Parse(RemoteHelper.DemoPassword), default));

        Assert.Equal(ErrorCatalog.BZBE011008.Code, refused.Error.Code);
    }

    [Fact]
    public async Task Renewal_without_a_client_certificate_is_G109e_at_the_https_sandbox()
    {
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var client = new HttpClient(handler);

        using var response = await client.PostAsJsonAsync(new Uri(_server.BaseAddress!, "center/v1/renewals"), new { password = RemoteHelper.DemoPassword });

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("G109e", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_holder_revokes_in_remote_mode_over_tls_client_authentication()
    {
        using var helper = HelperPointedAtTheBank();
        var issued = await helper.IssueAsync();
        using var current = helper.Services.GetRequiredService<ICertificateStore>().Find(issued.Thumbprint)!;

        var receipt = await helper.Center.RevokeAsync(current, LoginPassword.Parse(RemoteHelper.DemoPassword), default);

        Assert.Equal(issued.Thumbprint, receipt.Thumbprint);
        Assert.True(_bank.Get<SandboxRegistry>().IsRevoked(issued.Thumbprint));
    }

    [Fact]
    public async Task The_administrator_revokes_a_users_certificate_over_https_by_serial_number()
    {
        using var helper = HelperPointedAtTheBank();
        var issued = await helper.IssueAsync();

        var receipt = await helper.Center.RevokeAsAdministratorAsync(
            LoginId.Parse("admin01"), LoginPassword.Parse(RemoteHelper.DemoPassword), issued.SerialNumber, default);

        Assert.Equal(issued.SerialNumber, receipt.SerialNumber);
        Assert.Equal("admin01", _bank.Get<SandboxRegistry>().FindByThumbprint(issued.Thumbprint)!.RevokedBy);
    }

    [Fact]
    public async Task The_customers_helper_reads_the_banks_crl_over_https_and_sees_a_revocation()
    {
        using var helper = HelperPointedAtTheBank();
        var issued = await helper.IssueAsync();
        using var installed = helper.Services.GetRequiredService<ICertificateStore>().Find(issued.Thumbprint)!;
        _bank.Get<SandboxRegistry>().Revoke(issued.Thumbprint, _bank.Time.GetUtcNow(), "support");

        var revoked = await helper.Services.GetRequiredService<IRevocationStatus>().RevokedAmongAsync([installed], default);

        Assert.Contains(issued.Thumbprint, revoked);
        Assert.Equal(new Uri(_server.BaseAddress!, "crl/sandbox-ca.crl"), Infrastructure.Revocation.CrlDistributionPoints.Of(installed)[0]);
    }

    [Fact]
    public async Task The_centers_clock_over_https_is_the_banks()
    {
        using var helper = HelperPointedAtTheBank();

        Assert.Equal(_bank.Time.GetUtcNow(), await helper.Center.GetTimeAsync(default));
    }

    private RemoteHelper HelperPointedAtTheBank(string? label = null) =>
        new(
            new Dictionary<string, string?>
            {
                ["Center:BaseUrl"] = _server.BaseAddress!.ToString(),
                ["Ca:EstBaseUrl"] = _server.BaseAddress!.ToString(),
                ["Ca:Label"] = label,
                ["Ca:TrustAnchorPath"] = _bank.Get<SandboxCaKeys>().CertificatePath,
            },
            realKeys: true);
}
