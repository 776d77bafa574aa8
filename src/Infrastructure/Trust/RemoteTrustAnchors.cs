using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Infrastructure.Est;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Trust;

/// <summary>
/// The bank's CA certificates from <c>Ca:TrustAnchorPath</c>: the self-signed ones are the roots every issued
/// certificate must chain to; the others are the issuing CAs whose certificates the list shows (the roots
/// themselves when the bundle has no intermediate, a root that signs customer certificates directly).
/// </summary>
public sealed class RemoteTrustAnchors : ITrustAnchors
{
    private readonly Lazy<(X509Certificate2[] Roots, X509Certificate2[] Issuing)> _anchors;

    public RemoteTrustAnchors(IOptions<EstOptions> options) =>
        _anchors = new(() => Split(PemBundle.Load(options.Value.TrustAnchorPath!)));

    public IReadOnlyList<X509Certificate2> Roots => _anchors.Value.Roots;

    public IReadOnlyList<X509Certificate2> IssuingCertificates => _anchors.Value.Issuing;

    private static (X509Certificate2[] Roots, X509Certificate2[] Issuing) Split(IReadOnlyList<X509Certificate2> bundle)
    {
        var roots = bundle.Where(PemBundle.IsSelfSigned).ToArray();
        var issuing = bundle.Where(c => !PemBundle.IsSelfSigned(c)).ToArray();
        return (roots, issuing.Length > 0 ? issuing : roots);
    }
}
