using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// The second half of <see cref="LoopbackBinding"/>: once the server has bound, every address it reports must be
/// loopback, or the helper does not finish starting. This catches addresses that did not come from the checked
/// settings (an endpoint configured in code, a future configuration source). An in-memory test server binds
/// nothing and reports nothing.
/// </summary>
public sealed class LoopbackListenerCheck(IServer server, ILogger<LoopbackListenerCheck> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var foreign = addresses.Where(a => !LoopbackBinding.IsLoopback(a)).ToArray();
        if (foreign.Length > 0)
        {
            logger.LogCritical(new EventId(3000, "NonLoopbackListener"), "Listening on {Addresses}, which is not loopback only: the helper stops", foreign);
            throw new InvalidOperationException(
                $"CertPlatform listens on loopback only (127.0.0.1, [::1] or localhost) but the server bound {string.Join(", ", foreign)}; it does not start.");
        }

        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
