using CertPlatform.Domain.Credentials;

namespace CertPlatform.Application.Ports;

/// <summary>
/// The proxy ID and password the user gave on the proxy sign-in screen, for the running helper only: kept in memory,
/// used for every request to the center, the CA, the update feed and the diagnostics from then on, never written.
/// </summary>
public interface IProxyCredentials
{
    bool IsSignedIn { get; }

    void SignIn(string userName, ProxyPassword password);

    void SignOut();
}
