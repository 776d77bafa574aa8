using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.Application.Ports;

/// <summary>The OS user's certificate store that the browser reads client certificates from.</summary>
public interface ICertificateStore
{
    /// <summary>A short description for status and diagnostics, e.g. <c>X509Store CurrentUser\My</c>.</summary>
    string Description { get; }

    /// <summary>All certificates in the store. The caller disposes them.</summary>
    IReadOnlyList<X509Certificate2> List();

    /// <summary>The certificate with this SHA-1 thumbprint (hex, any case), with its private key when the store has it.</summary>
    X509Certificate2? Find(string thumbprint);

    /// <summary>Adds a certificate together with its private key.</summary>
    void Add(X509Certificate2 certificateWithKey);

    void Remove(string thumbprint);
}
