using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Care;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Revocation;
using CertPlatform.Application.Tests.Fakes;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CertPlatform.Application.Tests.Revocation;

/// <summary>The manual's revocation: by the user with the password, or by an administrator user; then a new issuance.</summary>
public sealed class RevokeCertificateTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly TestCa _ca = new("CN=Test Bank CA", Now);
    private readonly InMemoryStore _store = new();
    private readonly FakeRevocationStatus _revocations = new();
    private readonly FakeCenter _center;

    public RevokeCertificateTests() => _center = new FakeCenter(_time);

    [Fact]
    public async Task The_holder_revokes_with_the_password_and_is_sent_to_issue_anew()
    {
        var thumbprint = AddCertificate();

        var revoked = await Revoke(thumbprint);

        Assert.Equal(thumbprint, revoked.Thumbprint);
        Assert.Equal("issue", revoked.Next);
        Assert.Equal(Now, revoked.RevokedAt);
        Assert.Contains(thumbprint, _center.Revoked);
        Assert.Contains(thumbprint, _revocations.RevokedThumbprints);
    }

    [Fact]
    public async Task A_wrong_password_is_G101e_and_revokes_nothing()
    {
        var thumbprint = AddCertificate();

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => Revoke(thumbprint, "Wrong-Pass-99"));

        Assert.Equal("G101e", refused.Error.Code);
        Assert.Empty(_center.Revoked);
        Assert.Empty(_revocations.RevokedThumbprints);
    }

    [Fact]
    public async Task A_certificate_not_in_the_store_is_G203e()
    {
        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => Revoke(new string('A', 40)));

        Assert.Equal("G203e", refused.Error.Code);
        Assert.Empty(_center.Calls);
    }

    [Fact]
    public async Task A_certificate_revoked_before_is_G208e_and_marked_revoked()
    {
        var thumbprint = AddCertificate();
        _center.Revoked.Add(thumbprint);

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => Revoke(thumbprint));

        Assert.Equal("G208e", refused.Error.Code);
        Assert.Contains(thumbprint, _revocations.RevokedThumbprints);
    }

    [Theory]
    [InlineData("not-a-thumbprint", "Sandbox-Pass-01", "Thumbprint")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF01234567", "short", "Password")]
    public void Malformed_input_is_refused_before_the_center(string thumbprint, string password, string field)
    {
        var result = new RevokeCertificateValidator().Validate(new RevokeCertificate(thumbprint, password));

        Assert.Contains(result.Errors, e => e.PropertyName == field);
    }

    [Fact]
    public void The_password_never_prints()
    {
        Assert.DoesNotContain("Sandbox-Pass-01", new RevokeCertificate(new string('A', 40), "Sandbox-Pass-01").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Sandbox-Pass-01", new RevokeAsAdministrator("admin01", "Sandbox-Pass-01", "ab").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_user_revokes_by_serial_number()
    {
        var revoked = await new RevokeAsAdministratorHandler(_center, Known, NullLogger<RevokeAsAdministratorHandler>.Instance)
            .Handle(new RevokeAsAdministrator("admin01", FakeCenter.Password, "4A0B"), CancellationToken.None);

        Assert.Equal("4a0b", revoked.SerialNumber);
        Assert.Equal("issue", revoked.Next);
    }

    [Fact]
    public async Task A_user_who_is_not_an_administrator_is_refused_with_G253e()
    {
        var refused = await Assert.ThrowsAsync<CertPlatformException>(async () =>
            await new RevokeAsAdministratorHandler(_center, Known, NullLogger<RevokeAsAdministratorHandler>.Instance)
                .Handle(new RevokeAsAdministrator("demo01", FakeCenter.Password, "4a0b"), CancellationToken.None));

        Assert.Equal("G253e", refused.Error.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("xyz")]
    [InlineData("0123456789012345678901234567890123456789A")]
    public void A_serial_number_must_be_up_to_forty_hex_digits(string serial)
    {
        var result = new RevokeAsAdministratorValidator().Validate(new RevokeAsAdministrator("admin01", FakeCenter.Password, serial));

        Assert.Contains(result.Errors, e => e.PropertyName == nameof(RevokeAsAdministrator.SerialNumber));
    }

    [Fact]
    public async Task A_revoked_certificate_may_be_removed_before_it_expires()
    {
        var thumbprint = AddCertificate();
        _revocations.RevokedThumbprints.Add(thumbprint);

        await Remove(thumbprint);

        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public async Task A_valid_certificate_that_is_not_revoked_is_still_not_removed()
    {
        var thumbprint = AddCertificate();

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => Remove(thumbprint));

        Assert.Equal("G240e", refused.Error.Code);
    }

    private KnownRevocations Known => new(_revocations, NullLogger<KnownRevocations>.Instance);

    private async Task<RevokedCertificate> Revoke(string thumbprint, string password = FakeCenter.Password) =>
        await new RevokeCertificateHandler(_center, _store, _ca, Known, NullLogger<RevokeCertificateHandler>.Instance)
            .Handle(new RevokeCertificate(thumbprint, password), CancellationToken.None);

    private async Task Remove(string thumbprint) =>
        await new RemoveExpiredCertificateHandler(_store, Known, new InMemoryPendingInstalls(), _time, Options.Create(new CertificateOptions()), NullLogger<RemoveExpiredCertificateHandler>.Instance)
            .Handle(new RemoveExpiredCertificate(thumbprint, Confirmed: true), CancellationToken.None);

    private string AddCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=demo01 A001 1", key, HashAlgorithmName.SHA256);
        using var issued = _ca.Sign(request.CreateSigningRequest(), Now);
        using var withKey = issued.CopyWithPrivateKey(key);
        _store.Add(withKey);
        return issued.Thumbprint;
    }

    public void Dispose() => _ca.Dispose();
}
