using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;

namespace CertPlatform.Application.Certificates;

/// <summary>
/// The one home of "issued by our configured CA": the list, renewal, revocation, the store check and the CRL reader
/// all decide by these. A certificate is ours when its issuer name is the subject of one of the bank's issuing CAs;
/// a customer's certificate is ours and not one of the CA certificates themselves (an NSS database also holds the
/// root, trusted for TLS).
/// </summary>
public static class IssuerRules
{
    /// <summary>The bank's issuing CA whose name the certificate's issuer is, or null.</summary>
    public static X509Certificate2? IssuerOf(this ITrustAnchors anchors, X509Certificate2 certificate) =>
        anchors.IssuingCertificates.FirstOrDefault(ca => ca.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData));

    public static bool IsIssuedByOurCa(this ITrustAnchors anchors, X509Certificate2 certificate) => anchors.IssuerOf(certificate) is not null;

    /// <summary>The customers' certificates among <paramref name="certificates"/>: issued by our CA, not a CA certificate.</summary>
    public static List<X509Certificate2> CustomerCertificates(this ITrustAnchors anchors, IEnumerable<X509Certificate2> certificates)
    {
        var authorities = anchors.Roots.Concat(anchors.IssuingCertificates).Select(c => c.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. certificates.Where(c => anchors.IsIssuedByOurCa(c) && !authorities.Contains(c.Thumbprint))];
    }
}
