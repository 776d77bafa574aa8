using CertPlatform.Application.Certificates;
using CertPlatform.Application.Issuance;
using CertPlatform.Application.Ports;
using CertPlatform.Sandbox;
using CertPlatform.TestSupport;

namespace CertPlatform.Sandbox.Tests;

/// <summary>The main job with the real adapters: a certificate the sandbox issued, in the store, that OpenSSL accepts.</summary>
public sealed class IssuanceOnTheSandboxTests
{
    /// <summary>Both request keys under both roots: the default ECDSA P-256 one and an RSA-2048 one, as a bank's CA may have (ADR 0010).</summary>
    [Theory]
    [InlineData("RSA-2048", null)]
    [InlineData("ECDSA-P256", null)]
    [InlineData("RSA-2048", "Rsa2048")]
    [InlineData("ECDSA-P256", "Rsa2048")]
    public async Task A_demo_user_gets_a_certificate_with_its_key_in_the_store_that_openssl_verifies(string algorithm, string? rootKey)
    {
        using var world = new SandboxFixture(rootKey is null ? null : new() { ["Sandbox:CaKeyAlgorithm"] = rootKey }, DateTimeOffset.UtcNow);
        var handler = new IssueCertificateHandler(
            world.Get<ICenterGateway>(),
            world.Get<ICertificateAuthority>(),
            world.Get<CertificateInstaller>(),
            world.Get<Microsoft.Extensions.Options.IOptions<CertificateOptions>>());

        var result = await handler.Handle(new IssueCertificate("demo01", "Sandbox-Pass-01", algorithm), default);

        using var installed = world.Get<ICertificateStore>().Find(result.Thumbprint);
        Assert.NotNull(installed);
        Assert.True(installed.HasPrivateKey);
        Assert.StartsWith("demo01 A001 ", result.CommonName, StringComparison.Ordinal);
        Assert.Equal(366, (result.NotAfter - result.NotBefore).TotalDays);

        var leaf = Path.Combine(world.DataDirectory, "leaf.pem");
        await File.WriteAllTextAsync(leaf, installed.ExportCertificatePem());
        var (exitCode, output) = await ExternalTool.Run("openssl", "verify", "-purpose", "sslclient", "-CAfile", world.Get<SandboxCaKeys>().CertificatePath, leaf);
        Assert.True(exitCode == 0, output);
        Assert.Contains(": OK", output, StringComparison.Ordinal);
        using var root = world.Get<SandboxCaKeys>().PublicCertificate;
        Assert.Equal(rootKey is null ? "1.2.840.10045.2.1" : "1.2.840.113549.1.1.1", root.PublicKey.Oid.Value);
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
}
