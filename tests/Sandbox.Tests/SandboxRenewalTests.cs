using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Errors;
using CertPlatform.Sandbox;

namespace CertPlatform.Sandbox.Tests;

public sealed class SandboxRenewalTests : IDisposable
{
    private static readonly TimeSpan OneStep = TimeSpan.FromSeconds(60);

    private readonly SandboxWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task The_password_with_the_current_certificate_asks_for_the_one_time_password()
    {
        using var current = await _world.IssueAsync("demo01");

        var step = await _world.BeginAsync(current);

        Assert.Equal(CenterRenewalNext.Otp, step.Next);
        Assert.Null(step.Ticket);
    }

    [Fact]
    public async Task An_in_sync_token_authorizes_the_renewal_with_one_code()
    {
        using var current = await _world.IssueAsync("demo01");
        var started = await _world.BeginAsync(current);

        var step = await _world.OtpAsync(started.RenewalId, _world.CodeShownBy("demo01"));

        Assert.Equal(CenterRenewalNext.Ticket, step.Next);
        Assert.NotNull(step.Ticket);
        Assert.StartsWith("demo01 A001 ", step.Subject!.CommonName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_one_step_off_is_still_accepted()
    {
        using var current = await _world.IssueAsync("demo01");
        var started = await _world.BeginAsync(current);
        var previous = SandboxWorld.DemoToken.CodeAt(_world.Time.GetUtcNow() - OneStep);

        var step = await _world.OtpAsync(started.RenewalId, previous);

        Assert.Equal(CenterRenewalNext.Ticket, step.Next);
    }

    [Fact]
    public async Task The_ticket_re_enrolls_the_current_certificate_with_a_new_key_and_supersedes_it_so_it_is_not_renewed_again()
    {
        using var current = await _world.IssueAsync("demo01");
        var authorized = await _world.AuthorizeRenewalAsync(current, "demo01");
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CertificationRequest.Create(authorized.Subject!, new GeneratedKey(KeyAlgorithm.EcdsaP256, newKey));

        using var renewed = await _world.Authority.ReenrollAsync(request, authorized.Ticket!, current, CancellationToken.None);

        Assert.Equal(authorized.Subject, CertificationRequest.ReadSubject(renewed.SubjectName));
        Assert.Equal(current.Thumbprint, _world.Registry.FindByThumbprint(renewed.Thumbprint)!.Renews);
        Assert.NotEqual(current.PublicKey.EncodedKeyValue.RawData, renewed.PublicKey.EncodedKeyValue.RawData);
        Assert.Equal(_world.Time.GetUtcNow().AddDays(30), renewed.NotAfter.ToUniversalTime());
        Assert.Equal(renewed.Thumbprint, _world.Registry.FindByThumbprint(current.Thumbprint)!.SupersededBy);
        var again = await Assert.ThrowsAsync<CertPlatformException>(() => _world.BeginAsync(current));
        Assert.Equal("G211e", again.Error.Code);
    }

    [Fact]
    public async Task Drifted_token_asks_for_time_sync()
    {
        using var current = await _world.IssueAsync("demo02");
        var started = await _world.BeginAsync(current);

        var step = await _world.OtpAsync(started.RenewalId, _world.CodeShownBy("demo02"));

        Assert.Equal(CenterRenewalNext.TimeSync, step.Next);
        Assert.Null(step.Ticket);
    }

    [Fact]
    public async Task The_code_that_asked_for_time_sync_may_be_entered_again_as_the_current_code()
    {
        using var current = await _world.IssueAsync("demo02");
        var started = await _world.BeginAsync(current);
        var first = _world.CodeShownBy("demo02");
        await _world.OtpAsync(started.RenewalId, first);
        _world.Time.Advance(OneStep);

        var step = await _world.TimeSyncAsync(started.RenewalId, first, _world.CodeShownBy("demo02"));

        Assert.Equal(CenterRenewalNext.Ticket, step.Next);
    }

    [Fact]
    public async Task After_time_sync_the_next_renewal_needs_no_time_sync()
    {
        using var current = await _world.IssueAsync("demo02");
        await SynchroniseDemo02Async(current);
        _world.Time.Advance(OneStep);
        var again = await _world.BeginAsync(current);

        var step = await _world.OtpAsync(again.RenewalId, _world.CodeShownBy("demo02"));

        Assert.Equal(CenterRenewalNext.Ticket, step.Next);
        Assert.Equal(5, _world.Accounts.Find("demo02")!.SyncedDriftSteps);
    }

    [Fact]
    public async Task Two_codes_that_are_not_consecutive_fail_time_sync()
    {
        using var current = await _world.IssueAsync("demo02");
        var started = await _world.BeginAsync(current);
        var first = _world.CodeShownBy("demo02");
        await _world.OtpAsync(started.RenewalId, first);
        _world.Time.Advance(OneStep * 2);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.TimeSyncAsync(started.RenewalId, first, _world.CodeShownBy("demo02")));

        Assert.Equal("G105e", ex.Error.Code);
    }

    [Fact]
    public async Task A_pair_in_the_wrong_order_fails_time_sync()
    {
        using var current = await _world.IssueAsync("demo02");
        var started = await _world.BeginAsync(current);
        var first = _world.CodeShownBy("demo02");
        await _world.OtpAsync(started.RenewalId, first);
        _world.Time.Advance(OneStep);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.TimeSyncAsync(started.RenewalId, _world.CodeShownBy("demo02"), first));

        Assert.Equal("G105e", ex.Error.Code);
    }

    [Fact]
    public async Task A_token_more_than_ten_minutes_off_is_simply_wrong()
    {
        using var current = await _world.IssueAsync("demo01");
        var started = await _world.BeginAsync(current);
        var farAhead = SandboxWorld.DemoToken.CodeAt(_world.Time.GetUtcNow() + OneStep * 11);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId, farAhead));

        Assert.Equal("G103e", ex.Error.Code);
    }

    [Fact]
    public async Task A_code_that_authorized_a_renewal_is_never_accepted_again()
    {
        using var current = await _world.IssueAsync("demo01");
        var code = _world.CodeShownBy("demo01");
        var first = await _world.BeginAsync(current);
        await _world.OtpAsync(first.RenewalId, code);
        var second = await _world.BeginAsync(current);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(second.RenewalId, code));

        Assert.Equal("G104e", ex.Error.Code);
    }

    [Fact]
    public async Task The_codes_of_a_time_sync_pair_are_spent_too()
    {
        using var current = await _world.IssueAsync("demo02");
        var next = await SynchroniseDemo02Async(current);
        var again = await _world.BeginAsync(current);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(again.RenewalId, next));

        Assert.Equal("G104e", ex.Error.Code);
    }

    [Fact]
    public async Task A_replayed_code_may_be_followed_by_the_next_one()
    {
        using var current = await _world.IssueAsync("demo01");
        var code = _world.CodeShownBy("demo01");
        var first = await _world.BeginAsync(current);
        await _world.OtpAsync(first.RenewalId, code);
        var second = await _world.BeginAsync(current);
        await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(second.RenewalId, code));
        _world.Time.Advance(OneStep);

        var step = await _world.OtpAsync(second.RenewalId, _world.CodeShownBy("demo01"));

        Assert.Equal(CenterRenewalNext.Ticket, step.Next);
    }

    [Fact]
    public async Task A_wrong_code_is_refused()
    {
        using var current = await _world.IssueAsync("demo01");
        var started = await _world.BeginAsync(current);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId, _world.WrongCode("demo01")));

        Assert.Equal("G103e", ex.Error.Code);
    }

    [Fact]
    public async Task Five_wrong_codes_in_a_row_lock_the_user()
    {
        using var current = await _world.IssueAsync("demo01");
        var started = await _world.BeginAsync(current);
        var wrong = _world.WrongCode("demo01");
        for (var i = 0; i < 4; i++)
        {
            var refused = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId, wrong));
            Assert.Equal("G103e", refused.Error.Code);
        }

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId, wrong));

        Assert.Equal("G102e", ex.Error.Code);
        Assert.NotNull(ex.RetryAfter);
    }

    [Fact]
    public async Task A_locked_user_cannot_start_a_renewal_even_with_the_right_password()
    {
        using var current = await _world.IssueAsync("demo01");
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<CertPlatformException>(() => _world.BeginAsync(current, "Wrong-Pass-99"));
        }

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.BeginAsync(current));

        Assert.Equal("G102e", ex.Error.Code);
    }

    [Fact]
    public async Task A_locked_user_may_renew_again_once_the_lock_has_passed()
    {
        using var current = await _world.IssueAsync("demo01");
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<CertPlatformException>(() => _world.BeginAsync(current, "Wrong-Pass-99"));
        }

        _world.Time.Advance(TimeSpan.FromMinutes(_world.Options.LockoutMinutes));

        Assert.Equal(CenterRenewalNext.Otp, (await _world.BeginAsync(current)).Next);
    }

    [Fact]
    public async Task Only_failures_in_a_row_count_towards_the_lock()
    {
        using var current = await _world.IssueAsync("demo01");
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<CertPlatformException>(() => _world.BeginAsync(current, "Wrong-Pass-99"));
        }

        // The right password clears the count: only failures in a row lock.
        var started = await _world.BeginAsync(current);
        var wrong = _world.WrongCode("demo01");
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId, wrong));
        }

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId, wrong));
        Assert.Equal("G102e", ex.Error.Code);
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        using var current = await _world.IssueAsync("demo01");

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.BeginAsync(current, "Wrong-Pass-99"));

        Assert.Equal("G101e", ex.Error.Code);
    }

    [Fact]
    public async Task A_user_without_a_registered_token_stops_after_the_password()
    {
        using var current = await _world.IssueAsync("demo03");

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.BeginAsync(current));

        Assert.Equal("G014e", ex.Error.Code);
    }

    [Fact]
    public async Task The_password_is_checked_before_the_token_registration()
    {
        using var current = await _world.IssueAsync("demo03");

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.BeginAsync(current, "Wrong-Pass-99"));

        Assert.Equal("G101e", ex.Error.Code);
    }

    [Fact]
    public async Task Proof_of_possession_is_refused_with_a_wrong_key()
    {
        using var issued = await _world.IssueAsync("demo01");
        using var publicOnly = X509CertificateLoader.LoadCertificate(issued.RawData);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.False(SandboxPossession.Proves(publicOnly, otherKey));
    }

    [Fact]
    public async Task Proof_of_possession_succeeds_with_the_certificates_own_key()
    {
        using var issued = await _world.IssueAsync("demo01");
        using var publicOnly = X509CertificateLoader.LoadCertificate(issued.RawData);
        using var ownKey = issued.GetECDsaPrivateKey()!;

        Assert.True(SandboxPossession.Proves(publicOnly, ownKey));
    }

    [Fact]
    public async Task Proof_of_possession_is_refused_with_an_RSA_key_for_an_ECDSA_certificate()
    {
        using var issued = await _world.IssueAsync("demo01");
        using var publicOnly = X509CertificateLoader.LoadCertificate(issued.RawData);
        using var otherKey = RSA.Create(2048);

        Assert.False(SandboxPossession.Proves(publicOnly, otherKey));
    }

    [Fact]
    public async Task A_certificate_without_its_key_proves_nothing()
    {
        using var issued = await _world.IssueAsync("demo01");
        using var publicOnly = X509CertificateLoader.LoadCertificate(issued.RawData);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.BeginAsync(publicOnly));

        Assert.Equal("G109e", ex.Error.Code);
    }

    [Fact]
    public async Task A_certificate_the_sandbox_did_not_issue_cannot_be_renewed()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=demo01 A001 20260501090000000000, OU=(2235)x, O=(2235)y", key, HashAlgorithmName.SHA256);
        using var selfSigned = request.CreateSelfSigned(_world.Time.GetUtcNow().AddDays(-1), _world.Time.GetUtcNow().AddDays(10));

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.BeginAsync(selfSigned));

        Assert.Equal("BZBE011008", ex.Error.Code);
    }

    [Fact]
    public async Task A_revoked_certificate_cannot_be_renewed()
    {
        using var current = await _world.IssueAsync("demo01");
        _world.Registry.Revoke(current.Thumbprint, _world.Time.GetUtcNow());

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.BeginAsync(current));

        Assert.Equal("G208e", ex.Error.Code);
    }

    [Fact]
    public async Task An_expired_certificate_cannot_be_renewed()
    {
        using var current = await _world.IssueAsync("demo01");
        _world.Time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.BeginAsync(current));

        Assert.Equal("G202e", ex.Error.Code);
    }

    [Fact]
    public async Task A_certificate_outside_its_window_cannot_be_renewed_yet()
    {
        using var world = new SandboxWorld(certificateLifetimeDays: 366);
        using var current = await world.IssueAsync("demo01");

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => world.BeginAsync(current));

        Assert.Equal("G201e", ex.Error.Code);
    }

    [Fact]
    public async Task An_unknown_renewal_is_refused()
    {
        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync("no-such-renewal", "123456"));

        Assert.Equal("G106e", ex.Error.Code);
    }

    [Fact]
    public async Task A_renewal_the_center_kept_too_long_is_gone()
    {
        using var current = await _world.IssueAsync("demo01");
        var started = await _world.BeginAsync(current);
        _world.Time.Advance(TimeSpan.FromSeconds(_world.Options.RenewalLifetimeSeconds));

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId, _world.CodeShownBy("demo01")));

        Assert.Equal("G106e", ex.Error.Code);
    }

    [Fact]
    public async Task An_authorized_renewal_takes_no_further_code()
    {
        using var current = await _world.IssueAsync("demo01");
        var authorized = await _world.AuthorizeRenewalAsync(current, "demo01");
        _world.Time.Advance(OneStep);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(authorized.RenewalId, _world.CodeShownBy("demo01")));

        Assert.Equal("G106e", ex.Error.Code);
    }

    [Fact]
    public async Task A_time_sync_pair_before_the_center_asked_for_one_is_out_of_order()
    {
        using var current = await _world.IssueAsync("demo01");
        var started = await _world.BeginAsync(current);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.TimeSyncAsync(started.RenewalId, "123456", "234567"));

        Assert.Equal("G108e", ex.Error.Code);
    }

    [Fact]
    public async Task A_renewal_ticket_re_enrolls_only_the_certificate_it_was_given_for()
    {
        using var current = await _world.IssueAsync("demo01");
        using var other = await _world.IssueAsync("demo01");
        var authorized = await _world.AuthorizeRenewalAsync(current, "demo01");
        using var otherPublic = X509CertificateLoader.LoadCertificate(other.RawData);

        var ex = Assert.Throws<CertPlatformException>(() => _world.Authority.ReenrollVerified(NewRequest(authorized.Subject!), authorized.Ticket!, otherPublic));

        Assert.Equal("G205e", ex.Error.Code);
    }

    [Fact]
    public async Task A_first_issuance_ticket_does_not_re_enroll()
    {
        using var current = await _world.IssueAsync("demo01");
        var issuance = await _world.Center.AuthorizeIssuanceAsync(
            Domain.Credentials.LoginId.Parse("demo01"), Domain.Credentials.LoginPassword.Parse(SandboxWorld.Password), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(
            () => _world.Authority.ReenrollAsync(NewRequest(issuance.Subject), issuance.Ticket, current, CancellationToken.None));

        Assert.Equal("G205e", ex.Error.Code);
    }

    [Fact]
    public async Task Re_enrollment_proves_possession_of_the_current_key()
    {
        using var current = await _world.IssueAsync("demo01");
        var authorized = await _world.AuthorizeRenewalAsync(current, "demo01");
        using var publicOnly = X509CertificateLoader.LoadCertificate(current.RawData);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(
            () => _world.Authority.ReenrollAsync(NewRequest(authorized.Subject!), authorized.Ticket!, publicOnly, CancellationToken.None));

        Assert.Equal("G109e", ex.Error.Code);
    }

    [Fact]
    public async Task Verified_entry_points_serve_a_certificate_proven_by_TLS()
    {
        using var current = await _world.IssueAsync("demo01");
        using var presented = X509CertificateLoader.LoadCertificate(current.RawData);
        var started = _world.Center.BeginRenewalForVerifiedCertificate(presented, Domain.Credentials.LoginPassword.Parse(SandboxWorld.Password));
        var authorized = await _world.OtpAsync(started.RenewalId, _world.CodeShownBy("demo01"));

        using var renewed = _world.Authority.ReenrollVerified(NewRequest(authorized.Subject!), authorized.Ticket!, presented);

        Assert.Equal(current.Thumbprint, _world.Registry.FindByThumbprint(renewed.Thumbprint)!.Renews);
    }

    /// <summary>demo02's first renewal: the drifted code, then the pair a minute apart. Returns the pair's next code.</summary>
    private async Task<string> SynchroniseDemo02Async(X509Certificate2 current)
    {
        var started = await _world.BeginAsync(current);
        var first = _world.CodeShownBy("demo02");
        Assert.Equal(CenterRenewalNext.TimeSync, (await _world.OtpAsync(started.RenewalId, first)).Next);
        _world.Time.Advance(OneStep);
        var next = _world.CodeShownBy("demo02");
        Assert.Equal(CenterRenewalNext.Ticket, (await _world.TimeSyncAsync(started.RenewalId, first, next)).Next);
        return next;
    }

    private static byte[] NewRequest(CertificateSubject subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return CertificationRequest.Create(subject, new GeneratedKey(KeyAlgorithm.EcdsaP256, key));
    }
}
