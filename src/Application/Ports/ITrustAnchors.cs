using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.Application.Ports;

/// <summary>
/// The CA certificates the bank configured. Every certificate the helper installs must chain to one of the
/// <see cref="Roots"/>, and the certificate list shows only certificates issued by one of the
/// <see cref="IssuingCertificates"/>.
/// </summary>
public interface ITrustAnchors
{
    /// <summary>Self-signed roots: the only trust the helper places in anything.</summary>
    IReadOnlyList<X509Certificate2> Roots { get; }

    /// <summary>The CAs that sign customer certificates (the roots themselves when they sign directly).</summary>
    IReadOnlyList<X509Certificate2> IssuingCertificates { get; }
}
