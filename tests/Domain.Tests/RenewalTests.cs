using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Renewals;

namespace CertPlatform.Domain.Tests;

public class RenewalTests
{
    private static readonly DateTimeOffset NotAfter = new(2027, 11, 27, 0, 25, 18, TimeSpan.Zero);
    private static readonly DateTimeOffset InWindow = NotAfter.AddDays(-10);
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);
    private static readonly CertificateLifetimePolicy Policy = CertificateLifetimePolicy.Standard;

    /// <summary>The manual's order of steps, written out here rather than read from the code under test.</summary>
    private static readonly HashSet<(RenewalState From, RenewalState To)> Allowed =
    [
        (RenewalState.Started, RenewalState.PasswordVerified),
        (RenewalState.Started, RenewalState.Failed),
        (RenewalState.Started, RenewalState.Expired),
        (RenewalState.PasswordVerified, RenewalState.OtpRequired),
        (RenewalState.PasswordVerified, RenewalState.Authorized),
        (RenewalState.PasswordVerified, RenewalState.Failed),
        (RenewalState.PasswordVerified, RenewalState.Expired),
        (RenewalState.OtpRequired, RenewalState.TimeSyncRequired),
        (RenewalState.OtpRequired, RenewalState.Authorized),
        (RenewalState.OtpRequired, RenewalState.Failed),
        (RenewalState.OtpRequired, RenewalState.Expired),
        (RenewalState.TimeSyncRequired, RenewalState.Authorized),
        (RenewalState.TimeSyncRequired, RenewalState.Failed),
        (RenewalState.TimeSyncRequired, RenewalState.Expired),
        (RenewalState.Authorized, RenewalState.Completed),
        (RenewalState.Authorized, RenewalState.Failed),
    ];

    public static TheoryData<RenewalState, RenewalState> AllowedTransitions()
    {
        var data = new TheoryData<RenewalState, RenewalState>();
        foreach (var (from, to) in Allowed)
        {
            data.Add(from, to);
        }

        return data;
    }

    public static TheoryData<RenewalState, RenewalState> ForbiddenTransitions()
    {
        var data = new TheoryData<RenewalState, RenewalState>();
        foreach (var from in Enum.GetValues<RenewalState>())
        {
            foreach (var to in Enum.GetValues<RenewalState>().Where(s => s != RenewalState.Started && !Allowed.Contains((from, s))))
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void Every_allowed_transition_moves_the_renewal(RenewalState from, RenewalState to)
    {
        var renewal = RenewalIn(from);

        Transition(renewal, to, InWindow.AddMinutes(1));

        Assert.Equal(to, renewal.State);
    }

    [Theory]
    [MemberData(nameof(ForbiddenTransitions))]
    public void A_forbidden_transition_is_refused_and_changes_nothing(RenewalState from, RenewalState to)
    {
        var renewal = RenewalIn(from);

        var ex = Assert.Throws<CertPlatformException>(() => Transition(renewal, to, InWindow.AddMinutes(1)));

        Assert.Equal(from, renewal.State);
        Assert.Equal(renewal.IsFinished ? "G106e" : "G108e", ex.Error.Code);
    }

    [Fact]
    public void The_state_machine_allows_exactly_the_manuals_transitions()
    {
        foreach (var from in Enum.GetValues<RenewalState>())
        {
            foreach (var to in Enum.GetValues<RenewalState>())
            {
                Assert.Equal(Allowed.Contains((from, to)), Renewal.IsAllowed(from, to));
            }
        }
    }

    [Fact]
    public void A_finished_renewal_refuses_further_steps_as_unknown_or_finished()
    {
        var renewal = RenewalIn(RenewalState.Completed);

        var ex = Assert.Throws<CertPlatformException>(() => renewal.RequireOtp(InWindow));

        Assert.Equal("G106e", ex.Error.Code);
    }

    [Fact]
    public void A_time_sync_step_is_out_of_order_while_the_center_waits_for_the_one_time_password()
    {
        var renewal = RenewalIn(RenewalState.OtpRequired);

        var ex = Assert.Throws<CertPlatformException>(() => renewal.EnsureAwaits(RenewalInput.TimeSyncPair));

        Assert.Equal("G108e", ex.Error.Code);
    }

    [Theory]
    [InlineData(RenewalState.Started, RenewalInput.Password)]
    [InlineData(RenewalState.OtpRequired, RenewalInput.Otp)]
    [InlineData(RenewalState.TimeSyncRequired, RenewalInput.TimeSyncPair)]
    public void Each_waiting_state_accepts_its_own_input(RenewalState state, RenewalInput input)
    {
        RenewalIn(state).EnsureAwaits(input);
    }

    [Theory]
    [InlineData(RenewalState.Started, RenewalInput.Otp)]
    [InlineData(RenewalState.PasswordVerified, RenewalInput.Otp)]
    [InlineData(RenewalState.TimeSyncRequired, RenewalInput.Otp)]
    [InlineData(RenewalState.OtpRequired, RenewalInput.Password)]
    [InlineData(RenewalState.Authorized, RenewalInput.TimeSyncPair)]
    public void An_input_the_renewal_does_not_wait_for_is_out_of_order(RenewalState state, RenewalInput input)
    {
        var ex = Assert.Throws<CertPlatformException>(() => RenewalIn(state).EnsureAwaits(input));

        Assert.Equal("G108e", ex.Error.Code);
    }

    [Theory]
    [InlineData(RenewalState.Completed)]
    [InlineData(RenewalState.Failed)]
    [InlineData(RenewalState.Expired)]
    public void A_finished_renewal_waits_for_nothing(RenewalState state)
    {
        var ex = Assert.Throws<CertPlatformException>(() => RenewalIn(state).EnsureAwaits(RenewalInput.Otp));

        Assert.Equal("G106e", ex.Error.Code);
    }

    [Fact]
    public void Renewal_starts_at_the_instant_the_window_opens()
    {
        var renewal = Renewal.Start("r1", "AB", NotAfter, Policy, Policy.RenewalOpensAt(NotAfter), Idle);

        Assert.Equal(RenewalState.Started, renewal.State);
    }

    [Fact]
    public void Renewal_is_refused_one_tick_before_the_window_opens()
    {
        var ex = Assert.Throws<CertPlatformException>(
            () => Renewal.Start("r1", "AB", NotAfter, Policy, Policy.RenewalOpensAt(NotAfter).AddTicks(-1), Idle));

        Assert.Equal("G201e", ex.Error.Code);
    }

    [Fact]
    public void Renewal_starts_at_the_NotAfter_instant()
    {
        var renewal = Renewal.Start("r1", "AB", NotAfter, Policy, NotAfter, Idle);

        Assert.Equal(RenewalState.Started, renewal.State);
    }

    [Fact]
    public void Renewal_is_refused_for_an_expired_certificate()
    {
        var ex = Assert.Throws<CertPlatformException>(() => Renewal.Start("r1", "AB", NotAfter, Policy, NotAfter.AddTicks(1), Idle));

        Assert.Equal("G202e", ex.Error.Code);
    }

    [Fact]
    public void A_certificate_that_expires_during_the_renewal_is_not_authorized()
    {
        var renewal = Renewal.Start("r1", "AB", NotAfter, Policy, NotAfter.AddMinutes(-1), Idle);
        renewal.PasswordVerified(NotAfter.AddMinutes(-1));
        renewal.RequireOtp(NotAfter.AddMinutes(-1));

        var ex = Assert.Throws<CertPlatformException>(() => renewal.Authorize(NotAfter.AddTicks(1)));

        Assert.Equal("G202e", ex.Error.Code);
        Assert.Equal(RenewalState.Failed, renewal.State);
    }

    [Fact]
    public void A_renewal_is_idle_once_its_timeout_passes_without_a_step()
    {
        var renewal = RenewalIn(RenewalState.OtpRequired);

        Assert.False(renewal.IsIdleAt(InWindow + Idle - TimeSpan.FromTicks(1)));
        Assert.True(renewal.IsIdleAt(InWindow + Idle));
    }

    [Fact]
    public void Each_step_gives_the_renewal_its_full_timeout_again()
    {
        var renewal = Renewal.Start("r1", "AB", NotAfter, Policy, InWindow, Idle);
        var later = InWindow.AddMinutes(4);

        renewal.PasswordVerified(later);

        Assert.Equal(later + Idle, renewal.ExpiresAt);
        Assert.False(renewal.IsIdleAt(InWindow + Idle));
    }

    [Fact]
    public void An_authorized_renewal_does_not_time_out_while_it_installs()
    {
        var renewal = RenewalIn(RenewalState.Authorized);

        Assert.False(renewal.IsIdleAt(InWindow.AddHours(1)));
    }

    private static Renewal RenewalIn(RenewalState state)
    {
        var renewal = Renewal.Start("r1", "AB", NotAfter, Policy, InWindow, Idle);
        RenewalState[] path = state switch
        {
            RenewalState.Started => [],
            RenewalState.PasswordVerified => [RenewalState.PasswordVerified],
            RenewalState.OtpRequired => [RenewalState.PasswordVerified, RenewalState.OtpRequired],
            RenewalState.TimeSyncRequired => [RenewalState.PasswordVerified, RenewalState.OtpRequired, RenewalState.TimeSyncRequired],
            RenewalState.Authorized => [RenewalState.PasswordVerified, RenewalState.OtpRequired, RenewalState.Authorized],
            RenewalState.Completed => [RenewalState.PasswordVerified, RenewalState.OtpRequired, RenewalState.Authorized, RenewalState.Completed],
            RenewalState.Failed => [RenewalState.Failed],
            RenewalState.Expired => [RenewalState.Expired],
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
        foreach (var step in path)
        {
            Transition(renewal, step, InWindow);
        }

        Assert.Equal(state, renewal.State);
        return renewal;
    }

    private static void Transition(Renewal renewal, RenewalState to, DateTimeOffset now)
    {
        switch (to)
        {
            case RenewalState.PasswordVerified: renewal.PasswordVerified(now); break;
            case RenewalState.OtpRequired: renewal.RequireOtp(now); break;
            case RenewalState.TimeSyncRequired: renewal.RequireTimeSync(now); break;
            case RenewalState.Authorized: renewal.Authorize(now); break;
            case RenewalState.Completed: renewal.Complete(now); break;
            case RenewalState.Failed: renewal.Fail(now); break;
            case RenewalState.Expired: renewal.Expire(now); break;
            default: throw new ArgumentOutOfRangeException(nameof(to));
        }
    }
}
