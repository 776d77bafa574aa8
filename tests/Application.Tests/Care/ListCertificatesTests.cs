using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Care;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Tests.Fakes;
using CertPlatform.Domain.Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CertPlatform.Application.Tests.Care;

public sealed class ListCertificatesTests : IDisposable
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(IssuedAt);
    private readonly TestCa _ca = new(now: IssuedAt);
    private readonly InMemoryStore _store = new();
    private readonly FakeRevocationStatus _revocations = new();
    private readonly InMemoryPendingInstalls _pending = new();

    [Fact]
    public async Task Lists_only_certificates_of_the_configured_CA()
    {
        using var other = new TestCa("CN=Another CA", IssuedAt);
        AddCertificate(_ca, "demo01 A001 1");
        AddCertificate(other, "stranger 1");

        var list = await Handle(new ListCertificates());

        var only = Assert.Single(list.Certificates);
        Assert.Equal("demo01 A001 1", only.CommonName);
    }

    [Fact]
    public async Task Renewal_is_offered_from_40_days_before_expiry()
    {
        var notAfter = AddCertificate(_ca, "demo01 A001 1").NotAfter;

        _time.SetUtcNow(notAfter.AddDays(-40).AddSeconds(-1));
        var before = Assert.Single((await Handle(new ListCertificates())).Certificates);
        _time.SetUtcNow(notAfter.AddDays(-40));
        var inside = Assert.Single((await Handle(new ListCertificates())).Certificates);

        Assert.False(before.Renewable);
        Assert.Equal(40, before.DaysLeft);
        Assert.True(inside.Renewable);
        Assert.Equal(notAfter.AddDays(-40), inside.RenewalOpensAt);
    }

    [Fact]
    public async Task Expired_certificates_are_not_listed_unless_asked_for()
    {
        var notAfter = AddCertificate(_ca, "demo01 A001 1").NotAfter;
        _time.SetUtcNow(notAfter.AddSeconds(1));

        Assert.Empty((await Handle(new ListCertificates())).Certificates);
        var expired = Assert.Single((await Handle(new ListCertificates(IncludeExpired: true))).Certificates);
        Assert.True(expired.Expired);
        Assert.False(expired.Renewable);
    }

    [Fact]
    public async Task Newest_certificate_comes_first()
    {
        AddCertificate(_ca, "demo01 A001 old");
        _time.Advance(TimeSpan.FromDays(10));
        AddCertificate(_ca, "demo01 A001 new");

        var list = await Handle(new ListCertificates());

        Assert.Equal(["demo01 A001 new", "demo01 A001 old"], list.Certificates.Select(c => c.CommonName));
    }

    [Fact]
    public async Task Newest_means_issued_last_even_when_it_expires_before_an_older_one()
    {
        // The renewal demo: a 366-day certificate, then, with a 30-day lifetime, its renewal.
        AddCertificate(_ca, "demo01 A001 old");
        _time.Advance(TimeSpan.FromDays(10));
        AddCertificate(_ca, "demo01 A001 new", days: 30);

        var list = await Handle(new ListCertificates());

        Assert.Equal(["demo01 A001 new", "demo01 A001 old"], list.Certificates.Select(c => c.CommonName));
        Assert.True(list.Certificates[0].NotAfter < list.Certificates[1].NotAfter);
    }

    [Fact]
    public async Task A_revoked_certificate_is_marked_and_not_renewable()
    {
        var (notAfter, thumbprint) = AddCertificate(_ca, "demo01 A001 1");
        _time.SetUtcNow(notAfter.AddDays(-10));
        _revocations.RevokedThumbprints.Add(thumbprint);

        var listed = Assert.Single((await Handle(new ListCertificates())).Certificates);

        Assert.True(listed.Revoked);
        Assert.False(listed.Renewable);
    }

    [Fact]
    public async Task A_revocation_list_that_cannot_be_fetched_does_not_break_the_list()
    {
        AddCertificate(_ca, "demo01 A001 1");
        _revocations.Failure = new HttpRequestException("the CA is down");

        var listed = Assert.Single((await Handle(new ListCertificates())).Certificates);

        Assert.False(listed.Revoked);
    }

    [Fact]
    public async Task The_CA_certificate_itself_is_not_listed()
    {
        AddCertificate(_ca, "demo01 A001 1");
        _store.AddPublicOnly(_ca.Public);

        var list = await Handle(new ListCertificates());

        Assert.Equal(["demo01 A001 1"], list.Certificates.Select(c => c.CommonName));
    }

    [Fact]
    public async Task A_store_that_lists_without_keys_still_offers_renewal_for_a_certificate_whose_key_it_holds()
    {
        var notAfter = AddCertificate(_ca, "demo01 A001 1").NotAfter;
        _store.ListsWithoutKeys = true;
        _time.SetUtcNow(notAfter.AddDays(-10));

        var listed = Assert.Single((await Handle(new ListCertificates())).Certificates);

        Assert.True(listed.HasPrivateKey);
        Assert.True(listed.Renewable);
    }

    private ValueTask<CertificateList> Handle(ListCertificates query) =>
        new ListCertificatesHandler(
            _store, _ca, new KnownRevocations(_revocations, NullLogger<KnownRevocations>.Instance),
            new PendingInstallRecovery(_pending, _store, new RecordingKeyFactory(), _time, NullLogger<PendingInstallRecovery>.Instance),
            _pending, _time, Options.Create(new CertificateOptions()))
            .Handle(query, default);

    private (DateTimeOffset NotAfter, string Thumbprint) AddCertificate(TestCa ca, string commonName, int days = 366)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new CertificateSubject("(2235)TEST BANK", "(2235)TEST CA", commonName);
        var request = new CertificateRequest(CertificationRequest.ToX500Name(subject), key, HashAlgorithmName.SHA256);
        using var issued = ca.Sign(request.CreateSigningRequest(), _time.GetUtcNow(), days);
        using var withKey = issued.CopyWithPrivateKey(key);
        _store.Add(withKey);
        return (new DateTimeOffset(issued.NotAfter.ToUniversalTime()), issued.Thumbprint);
    }

    public void Dispose() => _ca.Dispose();
}
