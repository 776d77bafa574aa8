using CertPlatform.Domain.Credentials;
namespace CertPlatform.Infrastructure.Network;

/// <summary>How requests to the center and the CA reach the internet.</summary>
public enum ProxyMode
{
    /// <summary>The OS's proxy settings (Windows Internet Options, macOS network settings, HTTP(S)_PROXY on Linux).</summary>
    System,

    /// <summary>Straight to the peer, whatever the OS says.</summary>
    None,

    /// <summary>The proxy in <see cref="ProxyOptions.Url"/>, for every request.</summary>
    Explicit,
}

/// <summary>Configuration section <c>Network:Proxy</c>.</summary>
public sealed class ProxyOptions
{
    public ProxyMode Mode { get; set; } = ProxyMode.System;

    /// <summary>The proxy for <see cref="ProxyMode.Explicit"/>: <c>http://proxy.example:8080</c>, without credentials in it.</summary>
    public string? Url { get; set; }

    /// <summary>The proxy's ID, for a proxy that asks for one (Basic, or NTLM/Negotiate with these credentials).</summary>
    [SecretSetting]
    public string? UserName { get; set; }

    /// <summary>The proxy's password: a secret, never logged and never shown.</summary>
    [SecretSetting]
    public string? Password { get; set; }

    public bool HasCredentials => !string.IsNullOrEmpty(UserName);
}

/// <summary>Configuration section <c>Network</c>: proxy, timeout and which roots the peers' TLS certificates must chain to.</summary>
public sealed class NetworkOptions
{
    public const string Section = "Network";

    public ProxyOptions Proxy { get; set; } = new();

    /// <summary>How long one request to the center or the CA may take, connection included.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// A PEM bundle with the roots the center's and the CA's TLS server certificates must chain to. Empty: the
    /// bundle in <c>Ca:TrustAnchorPath</c>. The OS's roots are not used unless <see cref="UseSystemTrust"/> says so.
    /// </summary>
    public string? ServerTrustAnchorPath { get; set; }

    /// <summary>Trust the OS's root store for the peers' TLS certificates instead (a center with a publicly trusted certificate).</summary>
    public bool UseSystemTrust { get; set; }

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
