using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Issuance;
using CertPlatform.Application.Ports;
using CertPlatform.Application.Tests.Fakes;
using CertPlatform.Domain.Certificates;
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
    private readonly InMemoryPendingInstalls _pending = new();
    private readonly IssueCertificateHandler _handler;

    public IssueCertificateTests()
    {
        _ca = new TestCa(now: _time.GetUtcNow());
        _center = new FakeCenter(_time);
        _authority = new FakeAuthority(_ca, _time);
        var verifier = new IssuedCertificateVerifier(_ca, _time, NullLogger<IssuedCertificateVerifier>.Instance);
        var installer = new CertificateInstaller(_keys, _authority, _store, verifier, _pending, _time, NullLogger<CertificateInstaller>.Instance);
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
    public async Task A_key_whose_delete_fails_does_not_hide_why_the_issuance_failed_and_its_handle_is_closed()
    {
        using var rogue = new TestCa("CN=Rogue CA", _time.GetUtcNow());
        _authority.Override = csr => rogue.Sign(csr, _time.GetUtcNow());
        _keys.FailDiscards = true;

        await AssertRefusedWithNothingInstalled(ErrorCatalog.G204e);

        Assert.Equal(1, _keys.Discarded);
        Assert.Equal(1, _keys.HandlesClosed);
    }

    [Fact]
    public async Task After_an_issuance_the_key_handle_is_closed_not_left_to_the_finalizer()
    {
        await _handler.Handle(new IssueCertificate("demo01", FakeCenter.Password), default);

        Assert.Equal(0, _keys.Discarded);
        Assert.Equal(1, _keys.HandlesClosed);
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
    public async Task A_store_that_refuses_the_certificate_is_G001e_and_the_pending_record_installs_it_once_the_store_takes_it()
    {
        _store.FailOnAdd = new CryptographicException("store is read-only");

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _handler.Handle(new IssueCertificate("demo01", FakeCenter.Password), default).AsTask());

        Assert.Same(ErrorCatalog.G001e, ex.Error);
        Assert.Equal(0, _store.Count);
        Assert.Equal(0, _keys.Discarded);
        var waiting = Assert.Single(_pending.Unfinished());

        _store.FailOnAdd = null;
        var recovery = new PendingInstallRecovery(_pending, _store, _keys, _time, NullLogger<PendingInstallRecovery>.Instance);
        Assert.Equal(1, await recovery.FinishAsync(default));

        using var installed = Assert.Single(_store.List());
        Assert.Equal(waiting.Thumbprint, installed.Thumbprint);
        Assert.True(installed.HasPrivateKey);
        Assert.Empty(_pending.Records);
        Assert.Equal(0, await recovery.FinishAsync(default));
    }

    [Fact]
    public async Task A_full_disk_under_the_store_is_G260e_and_without_a_record_the_key_is_discarded()
    {
        _pending.FailSaves = true;
        _store.FailOnAdd = new IOException("No space left on device", 28);

        await AssertRefusedWithNothingInstalled(ErrorCatalog.G260e);
        Assert.Empty(_pending.Records);
    }

    [Fact]
    public async Task A_record_that_cannot_be_written_does_not_stop_the_install()
    {
        _pending.FailSaves = true;

        var result = await _handler.Handle(new IssueCertificate("demo01", FakeCenter.Password), default);

        using var stored = Assert.Single(_store.List());
        Assert.Equal(result.Thumbprint, stored.Thumbprint);
        Assert.Empty(_pending.Records);
    }

    [Fact]
    public async Task An_install_closes_its_pending_record_and_the_record_never_prints_the_key()
    {
        await _handler.Handle(new IssueCertificate("demo01", FakeCenter.Password), default);

        Assert.Equal(1, _pending.Saved);
        Assert.Empty(_pending.Records);
        var printed = new PendingInstall("AB", [1], KeyAlgorithm.EcdsaP256, null, [0x30, 0x82, 0x55], null, _time.GetUtcNow()).ToString();
        Assert.DoesNotContain("SoftwareKey", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Byte", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_left_by_a_crash_after_the_add_is_closed_without_a_second_add()
    {
        var result = await _handler.Handle(new IssueCertificate("demo01", FakeCenter.Password), default);
        using var stored = _store.Find(result.Thumbprint)!;
        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)stored.GetECDsaPrivateKey() ?? stored.GetRSAPrivateKey()!;
        var algorithm = key is ECDsa ? KeyAlgorithm.EcdsaP256 : KeyAlgorithm.Rsa2048;
        _pending.Save(new PendingInstall(stored.Thumbprint, stored.RawData, algorithm, null, key.ExportPkcs8PrivateKey(), null, _time.GetUtcNow()));
        _pending.Restart();
        _store.FailOnAdd = new CryptographicException("a second add would fail");

        var recovery = new PendingInstallRecovery(_pending, _store, _keys, _time, NullLogger<PendingInstallRecovery>.Instance);

        Assert.Equal(0, await recovery.FinishAsync(default));
        Assert.Empty(_pending.Records);
        Assert.Equal(1, _store.Count);
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
