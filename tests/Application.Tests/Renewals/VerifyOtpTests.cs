using CertPlatform.Application.Ports;
using CertPlatform.Application.Renewals;
using CertPlatform.Application.Tests.Fakes;
using CertPlatform.Domain.Errors;

namespace CertPlatform.Application.Tests.Renewals;

public sealed class VerifyOtpTests : IDisposable
{
    private readonly RenewalWorld _world = new();
    private readonly string _thumbprint;

    public VerifyOtpTests() => _thumbprint = _world.AddCurrent(RenewalWorld.Start.AddDays(20));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task The_one_time_password_completes_the_renewal_with_a_new_certificate()
    {
        var started = await _world.RenewAsync(_thumbprint);

        var progress = await _world.OtpAsync(started.RenewalId);

        Assert.Equal(RenewalNext.Completed, progress.Next);
        Assert.Equal(started.RenewalId, progress.RenewalId);
        Assert.Equal(_world.Center.NewSubject.CommonName, progress.Result!.CommonName);
        Assert.NotEqual(_thumbprint, progress.Result.Thumbprint);
        Assert.NotNull(_world.Store.Find(progress.Result.Thumbprint));
    }

    [Fact]
    public async Task The_old_certificate_stays_in_the_store()
    {
        var started = await _world.RenewAsync(_thumbprint);

        await _world.OtpAsync(started.RenewalId);

        Assert.NotNull(_world.Store.Find(_thumbprint));
        Assert.Equal(2, _world.Store.List().Count);
    }

    [Fact]
    public async Task The_new_certificate_has_a_new_key()
    {
        var started = await _world.RenewAsync(_thumbprint);

        var progress = await _world.OtpAsync(started.RenewalId);

        using var current = _world.Store.Find(_thumbprint)!;
        using var renewed = _world.Store.Find(progress.Result!.Thumbprint)!;
        Assert.NotEqual(current.PublicKey.EncodedKeyValue.RawData, renewed.PublicKey.EncodedKeyValue.RawData);
        Assert.True(renewed.HasPrivateKey);
    }

    [Fact]
    public async Task A_renewed_certificate_is_superseded_by_its_one_successor_and_is_not_renewed_again()
    {
        var started = await _world.RenewAsync(_thumbprint);
        var progress = await _world.OtpAsync(started.RenewalId);

        Assert.Equal(progress.Result!.Thumbprint, _world.Pending.SuccessorOf(_thumbprint));
        var again = await Assert.ThrowsAsync<CertPlatformException>(() => _world.RenewAsync(_thumbprint));
        Assert.Same(ErrorCatalog.G211e, again.Error);
        Assert.Single(_world.Authority.Reenrollments);
    }

    [Fact]
    public async Task Re_enrollment_presents_the_current_certificate_with_its_key_and_the_centers_ticket()
    {
        var started = await _world.RenewAsync(_thumbprint);

        await _world.OtpAsync(started.RenewalId);

        var (ticket, current, hadKey) = Assert.Single(_world.Authority.Reenrollments);
        Assert.Equal(_thumbprint, current);
        Assert.True(hadKey);
        Assert.Equal("ticket-user", ticket.Username);
    }

    [Fact]
    public async Task Drifted_token_asks_for_time_sync()
    {
        _world.Center.OnOtp = id => new CenterRenewalStep(id, CenterRenewalNext.TimeSync);
        var started = await _world.RenewAsync(_thumbprint);

        var progress = await _world.OtpAsync(started.RenewalId);

        Assert.Equal(RenewalNext.TimeSync, progress.Next);
        Assert.Null(progress.Result);
    }

    [Fact]
    public async Task The_current_and_next_codes_complete_a_time_synchronised_renewal()
    {
        _world.Center.OnOtp = id => new CenterRenewalStep(id, CenterRenewalNext.TimeSync);
        var started = await _world.RenewAsync(_thumbprint);
        await _world.OtpAsync(started.RenewalId);

        var progress = await _world.TimeSyncAsync(started.RenewalId);

        Assert.Equal(RenewalNext.Completed, progress.Next);
        Assert.Equal(["begin", "otp", "timeSync"], _world.Center.Calls);
    }

    [Theory]
    [InlineData("G103e")]
    [InlineData("G104e")]
    public async Task A_wrong_or_used_code_may_be_entered_again(string code)
    {
        var started = await _world.RenewAsync(_thumbprint);
        _world.Center.OnOtp = FakeCenter.Refusing(ErrorCatalog.Find(code)!);
        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId));
        _world.Center.OnOtp = null;

        var progress = await _world.OtpAsync(started.RenewalId);

        Assert.Equal(code, ex.Error.Code);
        Assert.Equal(RenewalNext.Completed, progress.Next);
    }

    [Fact]
    public async Task A_failed_time_synchronisation_may_be_tried_again()
    {
        _world.Center.OnOtp = id => new CenterRenewalStep(id, CenterRenewalNext.TimeSync);
        _world.Center.OnTimeSync = FakeCenter.Refusing(ErrorCatalog.G105e);
        var started = await _world.RenewAsync(_thumbprint);
        await _world.OtpAsync(started.RenewalId);
        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.TimeSyncAsync(started.RenewalId));
        _world.Center.OnTimeSync = null;

        var progress = await _world.TimeSyncAsync(started.RenewalId);

        Assert.Equal("G105e", ex.Error.Code);
        Assert.Equal(RenewalNext.Completed, progress.Next);
    }

    [Fact]
    public async Task A_locked_user_ends_the_renewal()
    {
        var started = await _world.RenewAsync(_thumbprint);
        _world.Center.OnOtp = FakeCenter.Refusing(ErrorCatalog.G102e);
        await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId));
        _world.Center.OnOtp = null;

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId));

        Assert.Equal("G106e", ex.Error.Code);
    }

    [Fact]
    public async Task An_unknown_renewal_id_is_refused()
    {
        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync("0123456789abcdef0123456789abcdef"));

        Assert.Equal("G106e", ex.Error.Code);
        Assert.Empty(_world.Center.Calls);
    }

    [Fact]
    public async Task A_completed_renewal_id_is_refused()
    {
        var started = await _world.RenewAsync(_thumbprint);
        await _world.OtpAsync(started.RenewalId);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId));

        Assert.Equal("G106e", ex.Error.Code);
    }

    [Fact]
    public async Task A_renewal_waits_for_the_next_step_until_one_tick_before_its_timeout()
    {
        var started = await _world.RenewAsync(_thumbprint);
        _world.Time.Advance(_world.RenewalOptions.IdleTimeout - TimeSpan.FromTicks(1));

        var progress = await _world.OtpAsync(started.RenewalId);

        Assert.Equal(RenewalNext.Completed, progress.Next);
    }

    [Fact]
    public async Task A_renewal_times_out_when_no_step_comes_in_time()
    {
        var started = await _world.RenewAsync(_thumbprint);
        _world.Time.Advance(_world.RenewalOptions.IdleTimeout);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId));

        Assert.Equal("G106e", ex.Error.Code);
        Assert.Equal(["begin"], _world.Center.Calls);
    }

    [Fact]
    public async Task A_time_sync_pair_while_the_center_waits_for_the_one_time_password_is_out_of_order()
    {
        var started = await _world.RenewAsync(_thumbprint);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.TimeSyncAsync(started.RenewalId));
        var progress = await _world.OtpAsync(started.RenewalId);

        Assert.Equal("G108e", ex.Error.Code);
        Assert.Equal(RenewalNext.Completed, progress.Next);
    }

    [Fact]
    public async Task A_single_code_while_the_center_waits_for_the_time_sync_pair_is_out_of_order()
    {
        _world.Center.OnOtp = id => new CenterRenewalStep(id, CenterRenewalNext.TimeSync);
        var started = await _world.RenewAsync(_thumbprint);
        await _world.OtpAsync(started.RenewalId);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId));

        Assert.Equal("G108e", ex.Error.Code);
    }

    [Fact]
    public async Task A_second_step_of_the_same_renewal_while_one_runs_is_refused()
    {
        var started = await _world.RenewAsync(_thumbprint);
        _world.Center.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _world.OtpAsync(started.RenewalId);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId));
        _world.Center.Gate.SetResult();

        Assert.Equal("G306e", ex.Error.Code);
        Assert.Equal(RenewalNext.Completed, (await first).Next);
    }

    [Fact]
    public async Task A_certificate_that_expires_during_the_renewal_is_not_renewed()
    {
        using var world = new RenewalWorld();
        var thumbprint = world.AddCurrent(RenewalWorld.Start.AddMinutes(1));
        var started = await world.RenewAsync(thumbprint);
        world.Time.Advance(TimeSpan.FromMinutes(2));

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => world.OtpAsync(started.RenewalId));

        Assert.Equal("G202e", ex.Error.Code);
        Assert.Empty(world.Authority.Reenrollments);
    }

    [Fact]
    public async Task A_certificate_removed_from_the_store_during_the_renewal_is_not_found()
    {
        var started = await _world.RenewAsync(_thumbprint);
        _world.Store.Remove(_thumbprint);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId));

        Assert.Equal("G203e", ex.Error.Code);
    }

    [Fact]
    public async Task When_the_CA_refuses_nothing_is_installed_the_new_key_is_discarded_and_the_renewal_ends()
    {
        var started = await _world.RenewAsync(_thumbprint);
        _world.Authority.Refuse = ErrorCatalog.G206e;

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => _world.OtpAsync(started.RenewalId));

        Assert.Equal("G206e", ex.Error.Code);
        Assert.Single(_world.Store.List());
        Assert.Equal(1, _world.Keys.Discarded);
        Assert.Equal(0, _world.Sessions.OpenCount);
    }

    [Fact]
    public void The_command_never_prints_the_codes()
    {
        var text = new VerifyOtp("abc", Current: "123456", Next: "654321").ToString();

        Assert.DoesNotContain("123456", text, StringComparison.Ordinal);
        Assert.DoesNotContain("654321", text, StringComparison.Ordinal);
        Assert.Contains("abc", text, StringComparison.Ordinal);
    }
}
