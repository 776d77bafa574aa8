using System.Net;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Credentials;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Network;

/// <summary>
/// The credentials every connection to a proxy answers a 407 with, asked for each time (so a sign-in applies to the
/// next request without new handlers): the pair from the proxy sign-in screen, else the configured
/// <c>Network:Proxy:UserName</c>/<c>Password</c>, else, in <see cref="ProxyMode.System"/>, the logged-on user's own
/// for an NTLM or Negotiate proxy, as the browser does (exercised only on Windows). The screen's pair lives in memory
/// only and is dropped when the helper ends (the container disposes this).
/// </summary>
public sealed class ProxyCredentials(IOptions<NetworkOptions> options) : IProxyCredentials, ICredentials, IDisposable
{
    private NetworkCredential? _signedIn;

    public bool IsSignedIn => Volatile.Read(ref _signedIn) is not null;

    public void SignIn(string userName, ProxyPassword password) =>
        Volatile.Write(ref _signedIn, Credential(userName, password.Reveal()));

    public void SignOut() => Volatile.Write(ref _signedIn, null);

    public NetworkCredential? GetCredential(Uri uri, string authType)
    {
        if (Volatile.Read(ref _signedIn) is { } signedIn)
        {
            return signedIn;
        }

        var proxy = options.Value.Proxy;
        if (proxy.HasCredentials)
        {
            return Credential(proxy.UserName!, proxy.Password ?? string.Empty);
        }

        return proxy.Mode == ProxyMode.System ? CredentialCache.DefaultCredentials.GetCredential(uri, authType) : null;
    }

    public void Dispose() => SignOut();

    /// <summary>DOMAIN\user, as Windows proxies spell it, for NTLM.</summary>
    private static NetworkCredential Credential(string user, string password)
    {
        var slash = user.IndexOf('\\', StringComparison.Ordinal);
        return slash > 0
            ? new NetworkCredential(user[(slash + 1)..], password, user[..slash])
            : new NetworkCredential(user, password);
    }
}
