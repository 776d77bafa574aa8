using CertPlatform.Sandbox.Http;
using CertPlatform.TestSupport;

namespace CertPlatform.Sandbox.Tests.Http;

/// <summary>A sandbox with its HTTPS server started on a free loopback port; stopped and deleted on dispose.</summary>
internal sealed class SandboxHttpsSite : IAsyncDisposable
{
    private SandboxHttpsSite(SandboxFixture sandbox) => Sandbox = sandbox;

    public SandboxFixture Sandbox { get; }

    public SandboxHttpsServer Server => Sandbox.Get<SandboxHttpsServer>();

    public Uri BaseAddress => Server.BaseAddress!;

    public static async Task<SandboxHttpsSite> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var site = new SandboxHttpsSite(new SandboxFixture(
            new Dictionary<string, string?>(settings ?? []) { ["Sandbox:Https:Port"] = "0" }, DateTimeOffset.UtcNow));
        await site.Server.StartAsync(default);
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync(default);
        Sandbox.Dispose();
    }
}
