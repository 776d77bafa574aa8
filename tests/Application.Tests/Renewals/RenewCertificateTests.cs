using CertPlatform.Application.Ports;
using CertPlatform.Application.Renewals;
using CertPlatform.Application.Tests.Fakes;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Errors;

namespace CertPlatform.Application.Tests.Renewals;

public sealed class RenewCertificateTests : IDisposable
{
    private readonly RenewalWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task The_password_step_asks_for_the_one_time_password()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(20));

        var progress = await _world.RenewAsync(thumbprint);

        Assert.Equal(RenewalNext.Otp, progress.Next);
        Assert.Null(progress.Result);
        Assert.Matches("^[0-9a-f]{32}$", progress.RenewalId);
        Assert.Equal(thumbprint, _world.Center.LastPresented!.Thumbprint);
    }

    [Fact]
    public async Task A_revoked_certificate_is_refused_with_G208e_before_the_center_is_asked()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(20));
        _world.Revocations.RevokedThumbprints.Add(thumbprint);

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => _world.RenewAsync(thumbprint));

        Assert.Equal("G208e", refused.Error.Code);
        Assert.Empty(_world.Center.Calls);
    }

    [Fact]
    public async Task A_certificate_the_center_says_is_revoked_is_marked_revoked()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(20));
        _world.Center.OnBegin = FakeCenter.Refusing(ErrorCatalog.G208e);

        await Assert.ThrowsAsync<CertPlatformException>(() => _world.RenewAsync(thumbprint));

        Assert.Contains(thumbprint, _world.Revocations.RevokedThumbprints);
    }

    [Fact]
    public async Task A_lower_case_thumbprint_finds_the_certificate()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(20));

        var progress = await _world.RenewAsync(thumbprint.ToLowerInvariant());

        Assert.Equal(RenewalNext.Otp, progress.Next);
    }

    [Fact]
    public async Task Renewal_is_refused_one_tick_before_the_window_opens()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(40).AddSeconds(1));
        _world.Time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.RenewAsync(thumbprint));

        Assert.Equal("G201e", ex.Error.Code);
        Assert.Empty(_world.Center.Calls);
    }

    [Fact]
    public async Task Renewal_opens_at_the_first_instant_of_the_window()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(40).AddSeconds(1));
        _world.Time.Advance(TimeSpan.FromSeconds(1));

        var progress = await _world.RenewAsync(thumbprint);

        Assert.Equal(RenewalNext.Otp, progress.Next);
    }

    [Fact]
    public async Task Renewal_is_still_possible_at_the_NotAfter_instant()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddSeconds(1));
        _world.Time.Advance(TimeSpan.FromSeconds(1));

        var progress = await _world.RenewAsync(thumbprint);

        Assert.Equal(RenewalNext.Otp, progress.Next);
    }

    [Fact]
    public async Task Renewal_is_refused_for_an_expired_certificate()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddSeconds(1));
        _world.Time.Advance(TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(1));

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.RenewAsync(thumbprint));

        Assert.Equal("G202e", ex.Error.Code);
        Assert.Empty(_world.Center.Calls);
    }

    [Fact]
    public async Task A_certificate_that_is_not_in_the_store_is_not_found()
    {
        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.RenewAsync(new string('A', 40)));

        Assert.Equal("G203e", ex.Error.Code);
    }

    [Fact]
    public async Task A_certificate_of_another_CA_is_not_found()
    {
        using var otherCa = new TestCa("CN=Someone Else's CA", RenewalWorld.Start);
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(20), issuer: otherCa);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.RenewAsync(thumbprint));

        Assert.Equal("G203e", ex.Error.Code);
        Assert.Empty(_world.Center.Calls);
    }

    [Fact]
    public async Task A_certificate_without_its_private_key_is_not_found()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(20), withKey: false);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.RenewAsync(thumbprint));

        Assert.Equal("G203e", ex.Error.Code);
    }

    [Fact]
    public async Task A_second_renewal_of_the_same_certificate_is_refused_while_the_first_is_open()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(20));
        await _world.RenewAsync(thumbprint);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.RenewAsync(thumbprint));

        Assert.Equal("G107e", ex.Error.Code);
        Assert.Single(_world.Center.Calls);
    }

    [Fact]
    public async Task Of_two_renewals_started_at_once_one_wins_and_the_other_is_told_so()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(20));
        _world.Center.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = _world.RenewAsync(thumbprint);
        var second = _world.RenewAsync(thumbprint);
        _world.Center.Gate.SetResult();
        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));

        Assert.Single(outcomes, o => o == "otp");
        Assert.Single(outcomes, o => o == "G107e");
    }

    [Fact]
    public async Task Another_certificate_may_be_renewed_at_the_same_time()
    {
        var one = _world.AddCurrent(RenewalWorld.Start.AddDays(20));
        var other = _world.AddCurrent(RenewalWorld.Start.AddDays(21));
        await _world.RenewAsync(one);

        var progress = await _world.RenewAsync(other);

        Assert.Equal(RenewalNext.Otp, progress.Next);
    }

    [Fact]
    public async Task An_abandoned_renewal_stops_blocking_the_certificate_once_it_expires()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(20));
        await _world.RenewAsync(thumbprint);
        _world.Time.Advance(_world.RenewalOptions.IdleTimeout);

        var progress = await _world.RenewAsync(thumbprint);

        Assert.Equal(RenewalNext.Otp, progress.Next);
    }

    [Fact]
    public async Task A_wrong_password_ends_the_renewal_so_the_user_can_start_again()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(20));
        _world.Center.OnBegin = FakeCenter.Refusing(ErrorCatalog.G101e);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.RenewAsync(thumbprint));
        _world.Center.OnBegin = null;
        var retry = await _world.RenewAsync(thumbprint);

        Assert.Equal("G101e", ex.Error.Code);
        Assert.Equal(RenewalNext.Otp, retry.Next);
    }

    [Fact]
    public async Task A_user_without_a_registered_token_stops_after_the_password()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(20));
        _world.Center.OnBegin = FakeCenter.Refusing(ErrorCatalog.G014e);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.RenewAsync(thumbprint));

        Assert.Equal("G014e", ex.Error.Code);
        Assert.Equal(0, _world.Sessions.OpenCount);
    }

    [Fact]
    public async Task A_center_that_authorizes_on_the_password_alone_completes_the_renewal_at_once()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(20));
        _world.Center.OnBegin = _world.Center.Ticket;

        var progress = await _world.RenewAsync(thumbprint);

        Assert.Equal(RenewalNext.Completed, progress.Next);
        Assert.NotNull(progress.Result);
    }

    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256, "ECDSA-P256")]
    [InlineData(KeyAlgorithm.Rsa2048, "RSA-2048")]
    public async Task The_new_key_is_of_the_same_type_as_the_current_key(KeyAlgorithm current, string expected)
    {
        using var world = new RenewalWorld(defaultKeyAlgorithm: current == KeyAlgorithm.Rsa2048 ? KeyAlgorithm.EcdsaP256 : KeyAlgorithm.Rsa2048);
        var thumbprint = world.AddCurrent(RenewalWorld.Start.AddDays(20), current);
        world.Center.OnBegin = world.Center.Ticket;

        var progress = await world.RenewAsync(thumbprint);

        Assert.Equal(expected, progress.Result!.KeyAlgorithm);
    }

    [Fact]
    public async Task A_requested_key_type_replaces_the_current_one()
    {
        var thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(20), KeyAlgorithm.EcdsaP256);
        _world.Center.OnBegin = _world.Center.Ticket;

        var progress = await _world.RenewAsync(thumbprint, keyAlgorithm: "RSA-2048");

        Assert.Equal("RSA-2048", progress.Result!.KeyAlgorithm);
    }

    [Fact]
    public void The_command_never_prints_the_password()
    {
        var text = new RenewCertificate(new string('A', 40), "Sandbox-Pass-01").ToString();

        Assert.DoesNotContain("Sandbox-Pass-01", text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
    }

    private static async Task<string> Outcome(Task<RenewalProgress> renewal)
    {
        try
        {
            return (await renewal).Next == RenewalNext.Otp ? "otp" : "other";
        }
        catch (CertPlatformException ex)
        {
            return ex.Error.Code;
        }
    }
}
