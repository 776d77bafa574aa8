using CertPlatform.Domain.Certificates;

namespace CertPlatform.Application.Certificates;

/// <summary>Configuration section <c>Certificates</c>.</summary>
public sealed class CertificateOptions
{
    public const string Section = "Certificates";

    /// <summary>The key made when a request does not name one. RSA-2048 is what bank CAs accept most widely.</summary>
    public KeyAlgorithm DefaultKeyAlgorithm { get; set; } = KeyAlgorithm.Rsa2048;

    /// <summary>Days before NotAfter that renewal opens (the manual: 40).</summary>
    public int RenewalLeadDays { get; set; } = 40;

    public CertificateLifetimePolicy Policy => new(CertificateLifetimePolicy.StandardLifetime, TimeSpan.FromDays(RenewalLeadDays));
}
