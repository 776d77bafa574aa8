using CertPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Sandbox;

/// <summary>
/// At start, before the server listens: <c>Sandbox:Reset</c> moves the sandbox folder aside; then the sandbox root is
/// read, so that a missing or broken CA key or certificate refuses the start (<see cref="StartupRefusal"/>) instead of
/// a new root made without a word or a helper that says it is ready and answers 503 to everything. The update feed's
/// key, once made, is checked the same way. On the first start, with no root yet, the root (a P-256 key by default; an
/// RSA key, 30–400 ms to make, where configured) is made beside the start instead of before it: the first signature
/// waits for it (issue #19).
/// </summary>
internal sealed class SandboxStartCheck(
    HelperPaths paths, IOptions<SandboxOptions> options, SandboxCaKeys keys, SandboxFeedKey feedKey, SandboxRegistry registry, TimeProvider time, ILogger<SandboxStartCheck> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Reset && Directory.Exists(paths.SandboxDirectory))
        {
            var aside = Path.Combine(paths.DataDirectory, $"sandbox.reset-{time.GetUtcNow():yyyyMMdd-HHmmss}");
            Directory.Move(paths.SandboxDirectory, aside);
            logger.LogWarning("Sandbox:Reset: the sandbox folder was moved aside to {Path}; a new sandbox begins", aside);
        }

        if (keys.RootExists)
        {
            keys.EnsureReadable();
        }
        else
        {
            _ = Task.Run(() =>
            {
                try
                {
                    keys.EnsureReadable();
                }
                catch (Exception ex)
                {
                    // Every signature meets the same failure (the root's Lazy keeps it) and reports it.
                    logger.LogError(ex, "The sandbox root could not be made");
                }
            }, CancellationToken.None);
        }

        StartupRefusal.RequireDatabase("The sandbox registry", registry.DatabasePath, registry.EnsureReadable,
            "Free the disk or make the folder writable, or start once with --Sandbox:Reset=true to move the sandbox folder aside.");

        if (feedKey.Exists)
        {
            feedKey.EnsureReadable();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
