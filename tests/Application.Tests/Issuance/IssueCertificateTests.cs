using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Issuance;
using CertPlatform.Application.Tests.Fakes;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CertPlatform.Application.Tests.Issuance;

public sealed class IssueCertificateTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
    private readonly TestCa _ca;
    private readonly FakeCenter _center;
    private readonly FakeAuthority _authority;
    private readonly InMemoryStore _store = new();
    private readonly RecordingKeyFactory _keys = new();
    private readonly IssueCertificateHandler _handler;

    public IssueCertificateTests()
    {
        _ca = new TestCa(now: _time.GetUtcNow());
        _center = new FakeCenter(_time);
        _authority = new FakeAuthority(_ca, _time);
        var verifier = new IssuedCertificateVerifier(_ca, _time, NullLogger<IssuedCertificateVerifier>.Instance);
        var installer = new CertificateInstaller(_keys, _authority, _store, verifier, NullLogger<CertificateInstaller>.Instance);
        _handler = new IssueCertificateHandler(_center, _authority, installer, Options.Create(new CertificateOptions()));
    }

    [Fact]
    public async Task Issues_and_installs_the_certificate_with_its_private_key()
    {
        var result = await _handler.Handle(new IssueCertificate("demo01", FakeCenter.Password), default);

        using var stored = Assert.Single(_store.List());
        Assert.True(stored.HasPrivateKey);
        Assert.Equal(result.Thumbprint, stored.Thumbprint);
        Assert.Equal(_center.Subject.CommonName, result.CommonName);
        Assert.Equal(_center.Subject.Organization, result.Organization);
        Assert.Equal(_center.Subject.OrganizationalUnit, result.OrganizationalUnit);
        Assert.Equal(stored.SerialNumber.ToLowerInvariant(), result.SerialNumber);
        Assert.Equal(0, _keys.Discarded);
    }

    [Fact]
    public async Task The_default_key_is_RSA_2048_and_a_request_may_ask_for_ECDSA_P256()
    {
        var rsa = await _handler.Handle(new IssueCertificate("demo01", FakeCenter.Password), default);
        var ec = await _handler.Handle(new IssueCertificate("demo01", FakeCenter.Password, "ECDSA-P256"), default);

        Assert.Equal("RSA-2048", rsa.KeyAlgorithm);
        Assert.Equal("ECDSA-P256", ec.KeyAlgorithm);
        using var stored = _store.Find(ec.Thumbprint)!;
        using var key = stored.GetECDsaPrivateKey();
        Assert.NotNull(key);
    }

    [Fact]
    public async Task A_wrong_password_stops_before_any_key_is_made()
    {
        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _handler.Handle(new IssueCertificate("demo01", "Wrong-Pass-01"), default).AsTask());

        Assert.Same(ErrorCatalog.G101e, ex.Error);
        Assert.Equal(0, _keys.Created);
        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public async Task A_certificate_for_another_key_is_refused_and_our_key_is_discarded()
    {
        _authority.Override = csr =>
        {
            using var other = RSA.Create(2048);
            var foreign = new CertificateRequest(CertificationRequest.ToX500Name(_center.Subject), other, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return _ca.Sign(foreign.CreateSigningRequest(), _time.GetUtcNow());
        };

        await AssertRefusedWithNothingInstalled(ErrorCatalog.G204e);
    }

    [Fact]
    public async Task A_certificate_with_another_subject_is_refused()
    {
        _authority.Override = csr => _ca.Sign(csr, _time.GetUtcNow(), subjectOverride: new X500DistinguishedName("CN=someone else"));

        await AssertRefusedWithNothingInstalled(ErrorCatalog.G204e);
    }

    [Fact]
    public async Task A_certificate_from_an_untrusted_CA_is_refused()
    {
        using var rogue = new TestCa("CN=Rogue CA", _time.GetUtcNow());
        _authority.Override = csr => rogue.Sign(csr, _time.GetUtcNow());

        await AssertRefusedWithNothingInstalled(ErrorCatalog.G204e);
    }

    [Fact]
    public async Task A_certificate_that_is_not_yet_valid_is_refused()
    {
        _authority.Override = csr => _ca.Sign(csr, _time.GetUtcNow().AddDays(2));

        await AssertRefusedWithNothingInstalled(ErrorCatalog.G204e);
    }

    [Fact]
    public async Task A_store_that_refuses_the_certificate_is_G001e_and_the_key_is_discarded()
    {
        _store.FailOnAdd = new CryptographicException("store is read-only");

        await AssertRefusedWithNothingInstalled(ErrorCatalog.G001e);
    }

    private async Task AssertRefusedWithNothingInstalled(CatalogError expected)
    {
        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _handler.Handle(new IssueCertificate("demo01", FakeCenter.Password), default).AsTask());

        Assert.Same(expected, ex.Error);
        Assert.Equal(0, _store.Count);
        Assert.Equal(_keys.Created, _keys.Discarded);
    }

    [Fact]
    public void The_command_never_prints_the_password()
    {
        var printed = new IssueCertificate("demo01", "Sandbox-Pass-01").ToString();

        Assert.DoesNotContain("Sandbox-Pass-01", printed, StringComparison.Ordinal);
        Assert.Contains("demo01", printed, StringComparison.Ordinal);
    }

    public void Dispose() => _ca.Dispose();
}
