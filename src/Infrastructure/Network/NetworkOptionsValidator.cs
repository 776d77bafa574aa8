using CertPlatform.Infrastructure.Est;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Network;

/// <summary>Fails the start on a proxy or trust setting that cannot be what the bank meant. No value is echoed: one of them is a password.</summary>
public sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var failures = new List<string>();
        var proxy = options.Proxy;
        if (!Enum.IsDefined(proxy.Mode))
        {
            failures.Add("Network:Proxy:Mode must be System, None or Explicit.");
        }

        if (proxy.Mode == ProxyMode.Explicit && !PeerAddress.IsValidProxy(proxy.Url))
        {
            failures.Add("Network:Proxy:Url must be an http:// or https:// address without credentials when Network:Proxy:Mode is Explicit.");
        }

        if (proxy.Mode != ProxyMode.Explicit && !string.IsNullOrWhiteSpace(proxy.Url))
        {
            failures.Add("Network:Proxy:Url is set but Network:Proxy:Mode is not Explicit; set the mode or remove the URL.");
        }

        if (proxy.Mode == ProxyMode.None && (proxy.HasCredentials || !string.IsNullOrEmpty(proxy.Password)))
        {
            failures.Add("Network:Proxy:UserName and Password are set but Network:Proxy:Mode is None.");
        }

        if (!proxy.HasCredentials && !string.IsNullOrEmpty(proxy.Password))
        {
            failures.Add("Network:Proxy:Password is set without Network:Proxy:UserName.");
        }

        if (options.TimeoutSeconds is < 1 or > 300)
        {
            failures.Add("Network:TimeoutSeconds must be between 1 and 300.");
        }

        if (options.UseSystemTrust && !string.IsNullOrWhiteSpace(options.ServerTrustAnchorPath))
        {
            failures.Add("Network:ServerTrustAnchorPath and Network:UseSystemTrust exclude each other.");
        }

        failures.AddRange(EstOptionsValidator.TrustAnchorFailures("Network:ServerTrustAnchorPath", options.ServerTrustAnchorPath, required: false));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
