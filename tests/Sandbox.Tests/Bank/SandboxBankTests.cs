using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Issuance;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Sandbox;
using CertPlatform.Sandbox.Bank;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Options;

namespace CertPlatform.Sandbox.Tests.Bank;

/// <summary>BLGI001's rules: which certificate logs in, and what the top page says about renewal.</summary>
public sealed class SandboxBankTests : IDisposable
{
    private readonly SandboxFixture _sandbox = new(now: DateTimeOffset.UtcNow);

    private SandboxBank Bank => _sandbox.Get<SandboxBank>();

    [Fact]
    public async Task A_certificate_the_sandbox_issued_logs_its_user_in_by_CN()
    {
        using var certificate = await Issue("demo01");

        var session = Bank.LoginWithCertificate(certificate);

        Assert.Equal("demo01", session.LoginId);
        Assert.Equal(BankLoginMethod.Certificate, session.Method);
        Assert.Equal(certificate.GetNameInfo(X509NameType.SimpleName, false), session.CommonName);
        Assert.StartsWith("demo01 A001 ", session.CommonName, StringComparison.Ordinal);
        Assert.Equal(session, Bank.Find(session.Id));
    }

    [Fact]
    public void No_certificate_is_refused_with_G232e()
    {
        var ex = Assert.Throws<CertPlatformException>(() => Bank.LoginWithCertificate(null));

        Assert.Same(ErrorCatalog.G232e, ex.Error);
    }

    [Fact]
    public async Task A_look_alike_certificate_from_another_CA_is_refused()
    {
        using var genuine = await Issue("demo01");
        using var key = RSA.Create(2048);
        using var forged = new CertificateRequest(genuine.SubjectName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        var ex = Assert.Throws<CertPlatformException>(() => Bank.LoginWithCertificate(forged));

        Assert.Same(ErrorCatalog.G232e, ex.Error);
    }

    [Fact]
    public void A_certificate_signed_by_the_root_but_not_in_the_register_is_refused()
    {
        var keys = _sandbox.Get<SandboxCaKeys>();
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=demo01 A001 00000000000000000000", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        // Signed with the root's own key, whatever its algorithm (RSA or ECDSA).
        using var unregistered = request.Create(keys.Root.SubjectName, keys.Signer, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(30), [1, 2, 3, 4]);

        var ex = Assert.Throws<CertPlatformException>(() => Bank.LoginWithCertificate(unregistered));

        Assert.Same(ErrorCatalog.G232e, ex.Error);
    }

    [Fact]
    public async Task An_expired_certificate_is_refused()
    {
        using var certificate = await Issue("demo01");
        _sandbox.Time.SetUtcNow(new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero).AddSeconds(1));

        var ex = Assert.Throws<CertPlatformException>(() => Bank.LoginWithCertificate(certificate));

        Assert.Same(ErrorCatalog.G232e, ex.Error);
    }

    [Fact]
    public async Task The_top_page_announces_renewal_from_40_days_before_expiry()
    {
        using var certificate = await Issue("demo01");
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

        _sandbox.Time.SetUtcNow(notAfter.AddDays(-40).AddSeconds(-1));
        var before = Bank.LoginWithCertificate(certificate);
        _sandbox.Time.SetUtcNow(notAfter.AddDays(-40));
        var from = Bank.LoginWithCertificate(certificate);

        Assert.False(before.RenewalOpen);
        Assert.Equal(notAfter.AddDays(-40), before.RenewalOpensAt);
        Assert.True(from.RenewalOpen);
    }

    [Fact]
    public async Task A_password_login_speaks_of_the_users_newest_working_certificate()
    {
        using var older = await Issue("demo01");
        _sandbox.Time.Advance(TimeSpan.FromDays(1));
        using var newer = await Issue("demo01");

        var session = Bank.LoginWithPassword(LoginId.Parse("demo01"), LoginPassword.Parse("Sandbox-Pass-01"));

        Assert.Equal(BankLoginMethod.Password, session.Method);
        Assert.Equal(newer.GetNameInfo(X509NameType.SimpleName, false), session.CommonName);
    }

    [Fact]
    public void A_wrong_password_is_G101e_and_opens_no_session()
    {
        var ex = Assert.Throws<CertPlatformException>(() => Bank.LoginWithPassword(LoginId.Parse("demo01"), LoginPassword.Parse("Wrong-Pass-01")));

        Assert.Same(ErrorCatalog.G101e, ex.Error);
    }

    [Fact]
    public async Task A_session_ends_after_30_minutes_and_at_logout()
    {
        using var certificate = await Issue("demo01");
        var first = Bank.LoginWithCertificate(certificate);
        var second = Bank.LoginWithCertificate(certificate);

        Bank.Logout(second.Id);
        _sandbox.Time.Advance(TimeSpan.FromMinutes(29));
        var stillThere = Bank.Find(first.Id);
        _sandbox.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.NotNull(stillThere);
        Assert.Null(Bank.Find(first.Id));
        Assert.Null(Bank.Find(second.Id));
        Assert.NotEqual(first.Id, second.Id);
    }

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task A_certificate_its_holder_revoked_no_longer_logs_in()
    {
        using var certificate = await Issue("demo01");
        await _sandbox.Get<SandboxCenter>().RevokeAsync(certificate, LoginPassword.Parse("Sandbox-Pass-01"), default);

        var ex = Assert.Throws<CertPlatformException>(() => Bank.LoginWithCertificate(certificate));

        Assert.Same(ErrorCatalog.G232e, ex.Error);
    }

    [Fact]
    public async Task A_certificate_the_administrator_revoked_no_longer_logs_in()
    {
        using var certificate = await Issue("demo01");
        _sandbox.Get<SandboxCenter>().RevokeAsAdministrator(LoginId.Parse("admin01"), LoginPassword.Parse("Sandbox-Pass-01"), certificate.SerialNumber);

        var ex = Assert.Throws<CertPlatformException>(() => Bank.LoginWithCertificate(certificate));

        Assert.Same(ErrorCatalog.G232e, ex.Error);
        Assert.True(_sandbox.Get<SandboxRegistry>().IsRevoked(certificate.Thumbprint));
    }

    private async Task<X509Certificate2> Issue(string loginId)
    {
        var handler = new IssueCertificateHandler(
            _sandbox.Get<ICenterGateway>(),
            _sandbox.Get<ICertificateAuthority>(),
            _sandbox.Get<CertificateInstaller>(),
            _sandbox.Get<IOptions<CertificateOptions>>());
        var result = await handler.Handle(new IssueCertificate(loginId, "Sandbox-Pass-01", "ECDSA-P256"), default);
        return _sandbox.Get<ICertificateStore>().Find(result.Thumbprint)!;
    }
}
