using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Sandbox;
using CertPlatform.Infrastructure.Sandbox.Http;
using CertPlatform.Infrastructure.Tests.Fixtures;
using CertPlatform.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.Infrastructure.Tests.Sandbox;

/// <summary>
/// End to end over the network: the sandbox served over HTTPS on a loopback port plays the bank, and the helper's
/// own services in Remote mode (center client, EST client, trust anchors from the sandbox root) issue against it.
/// </summary>
public sealed class RemoteModeOnTheHttpsSandboxTests : IAsyncLifetime
{
    private readonly SandboxFixture _bank = new(new Dictionary<string, string?> { ["Sandbox:Https:Port"] = "0" });
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
