using System.Net;
using CertPlatform.Domain.Credentials;
using CertPlatform.Infrastructure.Network;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Tests.Network;

/// <summary>Which pair answers a proxy's 407: the sign-in screen's, else the configured one, else the logged-on user's (System mode).</summary>
public sealed class ProxyCredentialsTests
{
    private static readonly Uri Proxy = new("http://proxy.corp.example:8080");

    [Fact]
    public void The_screens_pair_wins_over_the_configured_one_and_is_gone_after_sign_out()
    {
        using var credentials = For(new ProxyOptions { Mode = ProxyMode.Explicit, Url = Proxy.AbsoluteUri, UserName = "configured", Password = "Configured-1" });

        credentials.SignIn(@"CORP\alice", ProxyPassword.Parse("Screen-Pass-1"));
        var signedIn = credentials.GetCredential(Proxy, "Basic");
        credentials.SignOut();
        var configured = credentials.GetCredential(Proxy, "Basic");

        Assert.Equal(("alice", "CORP", "Screen-Pass-1"), (signedIn?.UserName, signedIn?.Domain, signedIn?.Password));
        Assert.Equal(("configured", "Configured-1"), (configured?.UserName, configured?.Password));
        Assert.False(credentials.IsSignedIn);
    }

    [Fact]
    public void Without_any_pair_an_explicit_proxy_gets_none_and_the_system_proxy_the_logged_on_users()
    {
        using var explicitProxy = For(new ProxyOptions { Mode = ProxyMode.Explicit, Url = Proxy.AbsoluteUri });
        using var systemProxy = For(new ProxyOptions { Mode = ProxyMode.System });

        Assert.Null(explicitProxy.GetCredential(Proxy, "Basic"));
        Assert.Same(CredentialCache.DefaultNetworkCredentials, systemProxy.GetCredential(Proxy, "Negotiate"));
    }

    [Fact]
    public void The_pair_is_dropped_when_the_helper_ends()
    {
        var credentials = For(new ProxyOptions { Mode = ProxyMode.Explicit, Url = Proxy.AbsoluteUri });
        credentials.SignIn("alice", ProxyPassword.Parse("Screen-Pass-1"));

        credentials.Dispose();

        Assert.False(credentials.IsSignedIn);
        Assert.Null(credentials.GetCredential(Proxy, "Basic"));
    }

    private static ProxyCredentials For(ProxyOptions proxy) => new(Options.Create(new NetworkOptions { Proxy = proxy }));
}
