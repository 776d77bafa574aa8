using CertPlatform.Application.Updates.CheckUpdate;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Tests.Updates;

public sealed class UpdateCheckAtStartTests : IDisposable
{
    private readonly UpdateWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task The_check_at_start_remembers_a_mandatory_update()
    {
        _world.Feed.Publish(UpdateWorld.Manifest("1.2.0", minimum: "1.1.0"));
        var checker = _world.Checker();
        using var service = new UpdateCheckAtStart(checker, Options.Create(_world.Options), NullLogger<UpdateCheckAtStart>.Instance);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!;

        Assert.True(checker.Last!.Mandatory);
    }

    [Fact]
    public async Task A_feed_that_is_down_at_start_does_not_stop_the_helper()
    {
        _world.Feed.GoDown();
        using var service = new UpdateCheckAtStart(_world.Checker(), Options.Create(_world.Options), NullLogger<UpdateCheckAtStart>.Instance);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!;

        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_failure_of_its_own_does_not_stop_the_helper_either()
    {
        _world.Feed.Answer = _ => throw new InvalidOperationException("a bug in a feed adapter");
        using var service = new UpdateCheckAtStart(_world.Checker(), Options.Create(_world.Options), NullLogger<UpdateCheckAtStart>.Instance);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!;

        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task With_the_check_at_start_turned_off_the_feed_is_not_asked()
    {
        _world.Options.CheckAtStart = false;
        _world.Feed.Publish(UpdateWorld.Manifest("1.2.0"));
        using var service = new UpdateCheckAtStart(_world.Checker(), Options.Create(_world.Options), NullLogger<UpdateCheckAtStart>.Instance);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!;

        Assert.Equal(0, _world.Feed.Fetches);
    }
}
