using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;

namespace CertPlatform.Sandbox;

/// <summary>In Embedded mode the only trust anchor is the sandbox root, which also signs customer certificates.</summary>
public sealed class SandboxTrustAnchors(SandboxCaKeys keys) : ITrustAnchors
{
    private readonly Lazy<X509Certificate2[]> _roots = new(() => [keys.PublicCertificate]);

    public IReadOnlyList<X509Certificate2> Roots => _roots.Value;

    public IReadOnlyList<X509Certificate2> IssuingCertificates => _roots.Value;
}
