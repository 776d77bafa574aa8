using CertPlatform.Application.Ports;

namespace CertPlatform.Infrastructure.Diagnostics;

/// <summary>In Embedded mode the center and the CA are in the helper: there is no network way to look at.</summary>
public sealed class EmbeddedConnectionProbe : IConnectionProbe
{
    public string CenterMode => nameof(Infrastructure.CenterMode.Embedded);

    public ProxyInEffect? Proxy => null;

    public Task<IReadOnlyList<PeerProbe>> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PeerProbe>>([]);
}
