using System.Security.Cryptography.X509Certificates;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Revocation;
using CertPlatform.Sandbox;
using CertPlatform.TestSupport;

namespace CertPlatform.Sandbox.Tests;

/// <summary>
/// Revocation at the sandbox center: by the holder with the password, by the administrator user admin01 by serial
/// number; the registry is the one source, and the CRL signed by the sandbox root lists what it says.
/// </summary>
public sealed class SandboxRevocationTests : IDisposable
{
    private readonly SandboxWorld _world = new();

    [Fact]
    public async Task The_holder_revokes_with_the_password_and_the_crl_lists_the_serial()
    {
        using var current = await _world.IssueAsync("demo01");

        var receipt = await _world.Center.RevokeAsync(current, LoginPassword.Parse(SandboxWorld.Password), default);

        Assert.Equal(current.SerialNumber.ToLowerInvariant(), receipt.SerialNumber);
        Assert.Equal(_world.Time.GetUtcNow(), receipt.RevokedAt);
        Assert.True(_world.Registry.IsRevoked(current.Thumbprint));
        Assert.Equal("demo01", _world.Registry.FindByThumbprint(current.Thumbprint)!.RevokedBy);
        var builder = CertificateRevocationListBuilder.Load(_world.Crl.Current(), out _);
        Assert.True(builder.RemoveEntry(Convert.FromHexString(current.SerialNumber)), "the serial is on the CRL");
    }

    [Fact]
    public async Task A_wrong_password_on_revocation_is_G101e_and_revokes_nothing()
    {
        using var current = await _world.IssueAsync("demo01");

        var refused = await Assert.ThrowsAsync<CertPlatformException>(
            () => _world.Center.RevokeAsync(current, LoginPassword.Parse("Wrong-Pass-99"), default));

        Assert.Equal("G101e", refused.Error.Code);
        Assert.False(_world.Registry.IsRevoked(current.Thumbprint));
    }

    [Fact]
    public async Task A_certificate_revoked_before_is_G208e()
    {
        using var current = await _world.IssueAsync("demo01");
        await _world.Center.RevokeAsync(current, LoginPassword.Parse(SandboxWorld.Password), default);

        var refused = await Assert.ThrowsAsync<CertPlatformException>(
            () => _world.Center.RevokeAsync(current, LoginPassword.Parse(SandboxWorld.Password), default));

        Assert.Equal("G208e", refused.Error.Code);
    }

    [Fact]
    public async Task Renewal_of_a_revoked_certificate_is_refused_with_G208e()
    {
        using var current = await _world.IssueAsync("demo01");
        await _world.Center.RevokeAsync(current, LoginPassword.Parse(SandboxWorld.Password), default);

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => _world.BeginAsync(current));

        Assert.Equal("G208e", refused.Error.Code);
    }

    [Fact]
    public async Task A_certificate_the_sandbox_did_not_issue_cannot_be_revoked_here()
    {
        using var foreignKey = System.Security.Cryptography.RSA.Create(2048);
        using var foreign = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                "CN=demo01, O=(2235)ANOTHER CA", foreignKey, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(SandboxWorld.Start.AddDays(-1), SandboxWorld.Start.AddDays(30));

        var refused = await Assert.ThrowsAsync<CertPlatformException>(
            () => _world.Center.RevokeAsync(foreign, LoginPassword.Parse(SandboxWorld.Password), default));

        Assert.Equal("BZBE011008", refused.Error.Code);
    }

    [Fact]
    public async Task The_administrator_user_revokes_demo01s_certificate_by_serial_number()
    {
        using var current = await _world.IssueAsync("demo01");

        var receipt = await _world.Center.RevokeAsAdministratorAsync(
            LoginId.Parse("admin01"), LoginPassword.Parse(SandboxWorld.Password), current.SerialNumber.ToUpperInvariant(), default);

        Assert.Equal(current.Thumbprint, receipt.Thumbprint);
        Assert.Equal("admin01", _world.Registry.FindByThumbprint(current.Thumbprint)!.RevokedBy);
        Assert.True(CrlDocument.Parse(_world.Crl.Current()).Lists(current));
    }

    [Theory]
    [InlineData("demo02")]
    [InlineData("demo03")]
    public async Task A_user_who_is_not_an_administrator_is_refused_with_G253e(string loginId)
    {
        using var current = await _world.IssueAsync("demo01");

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => _world.Center.RevokeAsAdministratorAsync(
            LoginId.Parse(loginId), LoginPassword.Parse(SandboxWorld.Password), current.SerialNumber, default));

        Assert.Equal("G253e", refused.Error.Code);
        Assert.False(_world.Registry.IsRevoked(current.Thumbprint));
    }

    [Fact]
    public async Task An_unknown_serial_number_is_G203e()
    {
        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => _world.Center.RevokeAsAdministratorAsync(
            LoginId.Parse("admin01"), LoginPassword.Parse(SandboxWorld.Password), "0123456789abcdef", default));

        Assert.Equal("G203e", refused.Error.Code);
    }

    [Fact]
    public async Task The_administrators_wrong_password_is_G101e()
    {
        using var current = await _world.IssueAsync("demo01");

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => _world.Center.RevokeAsAdministratorAsync(
            LoginId.Parse("admin01"), LoginPassword.Parse("Wrong-Pass-99"), current.SerialNumber, default));

        Assert.Equal("G101e", refused.Error.Code);
    }

    [Fact]
    public async Task Issued_certificates_name_the_crl_at_the_helper_and_at_the_https_sandbox()
    {
        _world.CrlDistribution.HttpsBaseAddress = new Uri("https://127.0.0.1:52236/");

        using var issued = await _world.IssueAsync("demo01");

        Assert.Equal(
            ["https://127.0.0.1:52236/crl/sandbox-ca.crl", "http://127.0.0.1:52235/sandbox/crl/sandbox-ca.crl"],
            CrlDistributionPoints.Of(issued).Select(u => u.AbsoluteUri));
    }

    [Fact]
    public async Task The_crl_is_signed_by_the_sandbox_root_and_changes_with_the_registry()
    {
        using var current = await _world.IssueAsync("demo01");
        var before = CrlDocument.Parse(_world.Crl.Current());
        _world.Registry.Revoke(current.Thumbprint, _world.Time.GetUtcNow());

        var after = CrlDocument.Parse(_world.Crl.Current());

        using var root = _world.CaKeys.PublicCertificate;
        Assert.True(after.IsSignedBy(root));
        Assert.False(before.Lists(current));
        Assert.True(after.Lists(current));
    }

    [Fact]
    public async Task Openssl_verifies_the_crl_against_the_sandbox_root()
    {
        using var current = await _world.IssueAsync("demo01");
        _world.Registry.Revoke(current.Thumbprint, _world.Time.GetUtcNow());
        var crl = Path.Combine(Path.GetTempPath(), $"sandbox-{Guid.NewGuid():N}.crl");
        await File.WriteAllBytesAsync(crl, _world.Crl.Current());
        try
        {
            var (exitCode, output) = await ExternalTool.Run("openssl", "crl", "-inform", "DER", "-in", crl, "-CAfile", _world.CaKeys.CertificatePath, "-noout", "-text");

            Assert.True(exitCode == 0, output);
            Assert.Contains("verify OK", output, StringComparison.Ordinal);
            Assert.Contains(current.SerialNumber, output, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(crl);
        }
    }

    public void Dispose() => _world.Dispose();
}
