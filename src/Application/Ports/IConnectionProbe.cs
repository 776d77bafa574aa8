namespace CertPlatform.Application.Ports;

/// <summary>
/// Looks at the helper's way to the center and the CA as issuance would use it (the same proxy, timeout and TLS
/// trust), for diagnostics: what the manual's FAQ asks users to check by hand (3.1.2: is the CA's URL reachable
/// through the company network?).
/// </summary>
public interface IConnectionProbe
{
    /// <summary>Embedded (the sandbox in the helper: no network) or Remote.</summary>
    string CenterMode { get; }

    /// <summary>The proxy in effect for the peers; null when the helper uses no network (Embedded).</summary>
    ProxyInEffect? Proxy { get; }

    /// <summary>One probe per peer (center, CA); empty when there is no network to probe. Never throws for a network failure.</summary>
    Task<IReadOnlyList<PeerProbe>> ProbeAsync(CancellationToken cancellationToken);
}

/// <summary>How requests reach the peers. Never the proxy's password: only whether an ID is configured.</summary>
/// <param name="Mode">System, None or Explicit.</param>
/// <param name="Address">The proxy the center's address goes through (scheme://host:port), or null for a direct connection.</param>
public sealed record ProxyInEffect(string Mode, string? Address, bool HasCredentials);

/// <summary>What became of one request to a peer.</summary>
public enum PeerOutcome
{
    /// <summary>TLS (if any) was accepted and the peer answered HTTP, whatever the status.</summary>
    Reachable,
    NameMismatch,
    Untrusted,
    HandshakeFailed,
    ProxyRefused,
    Unreachable,
    Timeout,
}

/// <param name="Peer">center or ca.</param>
/// <param name="Address">The peer's origin (scheme://host:port): what a firewall rule needs.</param>
/// <param name="Status">The HTTP status of a peer that answered.</param>
/// <param name="Reason">What the network said, for support (e.g. <c>RemoteCertificateChainErrors (UntrustedRoot)</c>).</param>
public sealed record PeerProbe(string Peer, string Address, PeerOutcome Outcome, TimeSpan Elapsed, int? Status = null, string? Reason = null);
