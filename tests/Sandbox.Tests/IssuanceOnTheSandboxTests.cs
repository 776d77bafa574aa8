using CertPlatform.Application.Certificates;
using CertPlatform.Application.Issuance;
using CertPlatform.Application.Ports;
using CertPlatform.Sandbox;
using CertPlatform.TestSupport;

namespace CertPlatform.Sandbox.Tests;

/// <summary>The main job with the real adapters: a certificate the sandbox issued, in the store, that OpenSSL accepts.</summary>
public sealed class IssuanceOnTheSandboxTests : IDisposable
{
    private readonly SandboxFixture _sandbox = new(now: DateTimeOffset.UtcNow);

    [Theory]
    [InlineData("RSA-2048")]
    [InlineData("ECDSA-P256")]
    public async Task A_demo_user_gets_a_certificate_with_its_key_in_the_store_that_openssl_verifies(string algorithm)
    {
        var handler = new IssueCertificateHandler(
            _sandbox.Get<ICenterGateway>(),
            _sandbox.Get<ICertificateAuthority>(),
            _sandbox.Get<CertificateInstaller>(),
            _sandbox.Get<Microsoft.Extensions.Options.IOptions<CertificateOptions>>());

        var result = await handler.Handle(new IssueCertificate("demo01", "Sandbox-Pass-01", algorithm), default);

        using var installed = _sandbox.Get<ICertificateStore>().Find(result.Thumbprint);
        Assert.NotNull(installed);
        Assert.True(installed.HasPrivateKey);
        Assert.StartsWith("demo01 A001 ", result.CommonName, StringComparison.Ordinal);
        Assert.Equal(366, (result.NotAfter - result.NotBefore).TotalDays);

        var leaf = Path.Combine(_sandbox.DataDirectory, "leaf.pem");
        await File.WriteAllTextAsync(leaf, installed.ExportCertificatePem());
        var (exitCode, output) = await ExternalTool.Run("openssl", "verify", "-purpose", "sslclient", "-CAfile", _sandbox.Get<SandboxCaKeys>().CertificatePath, leaf);
        Assert.True(exitCode == 0, output);
        Assert.Contains(": OK", output, StringComparison.Ordinal);
    }

    [NssFact]
    public async Task With_Store_Kind_Nss_the_certificate_and_its_key_go_to_the_NSS_database()
    {
        using var database = new NssTestDatabase();
        using var sandbox = new SandboxFixture(new() { ["Store:Kind"] = "Nss", ["Store:NssDatabase"] = database.DatabasePath }, DateTimeOffset.UtcNow);
        var handler = new IssueCertificateHandler(
            sandbox.Get<ICenterGateway>(),
            sandbox.Get<ICertificateAuthority>(),
            sandbox.Get<CertificateInstaller>(),
            sandbox.Get<Microsoft.Extensions.Options.IOptions<CertificateOptions>>());

        var result = await handler.Handle(new IssueCertificate("demo01", "Sandbox-Pass-01", "ECDSA-P256"), default);

        Assert.Matches($@"(?m)^{result.CommonName}\s+u,u,u\s*$", await database.ListCertificatesAsync());
        Assert.Contains(result.CommonName, await database.ListKeysAsync(), StringComparison.Ordinal);
        Assert.StartsWith("NSS sql:", sandbox.Get<ICertificateStore>().Description, StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();
}
