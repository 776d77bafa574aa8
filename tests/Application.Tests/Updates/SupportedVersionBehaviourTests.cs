using CertPlatform.Application.Behaviours;
using CertPlatform.Application.Updates;
using CertPlatform.Domain.Errors;
using Mediator;
using Microsoft.Extensions.Logging.Abstractions;

namespace CertPlatform.Application.Tests.Updates;

/// <summary>The mandatory-update gate in front of issuance and renewal.</summary>
public sealed class SupportedVersionBehaviourTests : IDisposable
{
    private readonly UpdateWorld _world = new();
    private readonly UpdateChecker _checker;
    private int _ran;

    public SupportedVersionBehaviourTests() => _checker = _world.Checker();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task Issuance_is_refused_with_G408e_while_a_mandatory_update_is_pending()
    {
        _world.Feed.Publish(UpdateWorld.Manifest("1.2.0", minimum: "1.1.0"));

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => Send(new GuardedCommand()));

        Assert.Equal("G408e", ex.Error.Code);
        Assert.Equal(0, _ran);
    }

    [Fact]
    public async Task Issuance_goes_ahead_when_the_update_is_optional()
    {
        _world.Feed.Publish(UpdateWorld.Manifest("1.2.0"));

        await Send(new GuardedCommand());

        Assert.Equal(1, _ran);
    }

    [Fact]
    public async Task Issuance_goes_ahead_when_the_feed_cannot_be_reached()
    {
        _world.Feed.GoDown();

        await Send(new GuardedCommand());

        Assert.Equal(1, _ran);
    }

    [Fact]
    public async Task Issuance_goes_ahead_when_the_feed_serves_a_refused_manifest()
    {
        _world.Feed.Answer = _ => Task.FromResult(new Ports.SignedManifest("{}"u8.ToArray(), null));

        await Send(new GuardedCommand());

        Assert.Equal(1, _ran);
    }

    [Fact]
    public async Task A_known_mandatory_update_still_blocks_after_the_feed_goes_down()
    {
        _world.Feed.Publish(UpdateWorld.Manifest("1.2.0", minimum: "1.1.0"));
        await _checker.CheckAsync(CancellationToken.None);
        _world.Feed.GoDown();
        _world.Time.Advance(TimeSpan.FromMinutes(_world.Options.RecheckMinutes + 1));

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => Send(new GuardedCommand()));

        Assert.Equal("G408e", ex.Error.Code);
    }

    [Fact]
    public async Task A_recent_check_is_reused_instead_of_asking_the_feed_again()
    {
        _world.Feed.Publish(UpdateWorld.Manifest("1.2.0"));
        await _checker.CheckAsync(CancellationToken.None);

        await Send(new GuardedCommand());

        Assert.Equal(1, _world.Feed.Fetches);
    }

    [Fact]
    public async Task A_feed_that_does_not_answer_holds_issuance_only_for_a_few_seconds()
    {
        _world.Feed.Answer = async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        };

        var sending = Send(new GuardedCommand());
        _world.Time.Advance(TimeSpan.FromSeconds(5));
        await sending;

        Assert.Equal(1, _ran);
    }

    [Fact]
    public async Task Commands_that_are_not_issuance_or_renewal_are_never_blocked()
    {
        _world.Feed.Publish(UpdateWorld.Manifest("1.2.0", minimum: "1.1.0"));

        await Send(new UnguardedCommand());

        Assert.Equal(1, _ran);
        Assert.Equal(0, _world.Feed.Fetches);
    }

    [Fact]
    public void Issuance_and_every_renewal_step_are_behind_the_gate()
    {
        Assert.IsAssignableFrom<IRequiresSupportedVersion>(new CertPlatform.Application.Issuance.IssueCertificate("demo01", "Sandbox-Pass-01"));
        Assert.IsAssignableFrom<IRequiresSupportedVersion>(new CertPlatform.Application.Renewals.RenewCertificate(new string('A', 40), "Sandbox-Pass-01"));
        Assert.IsAssignableFrom<IRequiresSupportedVersion>(new CertPlatform.Application.Renewals.VerifyOtp("id", Otp: "123456"));
    }

    private async Task Send<TCommand>(TCommand command)
        where TCommand : ICommand<bool>
    {
        var behaviour = new SupportedVersionBehaviour<TCommand, bool>(_checker, NullLogger<SupportedVersionBehaviour<TCommand, bool>>.Instance);
        await behaviour.Handle(command, (_, _) =>
        {
            _ran++;
            return ValueTask.FromResult(true);
        }, CancellationToken.None);
    }

    internal sealed record GuardedCommand : ICommand<bool>, IRequiresSupportedVersion;

    internal sealed record UnguardedCommand : ICommand<bool>;
}
