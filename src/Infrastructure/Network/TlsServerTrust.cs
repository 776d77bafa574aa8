using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Infrastructure.Est;
using CertPlatform.Infrastructure.Trust;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Network;

/// <summary>
/// Whether the center's and the CA's TLS server certificates are trusted: they must chain to the configured roots
/// (<c>Network:ServerTrustAnchorPath</c>, else <c>Ca:TrustAnchorPath</c>), not to whatever the OS trusts, unless
/// <c>Network:UseSystemTrust</c> says so. A company proxy that inspects TLS with its own root is refused, and the
/// log says which of the three things went wrong: untrusted chain, name mismatch, or no certificate.
/// </summary>
public sealed class TlsServerTrust
{
    private readonly Lazy<X509Certificate2[]?> _anchors;
    private readonly ILogger<TlsServerTrust> _logger;

    public TlsServerTrust(IOptions<NetworkOptions> network, IOptions<EstOptions> ca, ILogger<TlsServerTrust> logger)
    {
        _logger = logger;
        _anchors = new(() =>
        {
            var options = network.Value;
            if (options.UseSystemTrust)
            {
                return null;
            }

            var path = string.IsNullOrWhiteSpace(options.ServerTrustAnchorPath) ? ca.Value.TrustAnchorPath : options.ServerTrustAnchorPath;
            return [.. PemBundle.Load(path!)];
        });
    }

    public void Apply(SslClientAuthenticationOptions ssl)
    {
        if (_anchors.Value is { } anchors)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                // Pinned roots of the bank; revocation of its TLS certificates is the bank's to manage, and the
                // customer's network may not reach a CRL or OCSP responder at all.
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
            policy.CustomTrustStore.AddRange(anchors.Where(PemBundle.IsSelfSigned).ToArray());
            policy.ExtraStore.AddRange(anchors.Where(c => !PemBundle.IsSelfSigned(c)).ToArray());
            ssl.CertificateChainPolicy = policy;
        }

        ssl.RemoteCertificateValidationCallback = Validate;
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        var host = (sender as SslStream)?.TargetHostName ?? "(unknown)";
        var presented = certificate as X509Certificate2;
        _logger.LogWarning(
            new EventId(2101, "TlsServerRefused"),
            "TLS server certificate of {Host} refused: {TlsFailure}; subject {Subject}, issuer {Issuer}, thumbprint {Thumbprint}",
            host, Describe(errors, chain), presented?.Subject ?? "(none)", presented?.Issuer ?? "(none)", presented?.Thumbprint ?? "(none)");
        return false;
    }

    internal static string Describe(SslPolicyErrors errors, X509Chain? chain)
    {
        var kinds = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            kinds.Add("no certificate");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            kinds.Add("name mismatch");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var status = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToArray() ?? [];
            kinds.Add(status.Length > 0 ? $"untrusted ({string.Join(", ", status)})" : "untrusted");
        }

        return string.Join("; ", kinds);
    }
}
