using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.Application.Ports;

/// <summary>The OS user's certificate store that the browser reads client certificates from.</summary>
public interface ICertificateStore
{
    /// <summary>A short description for status and diagnostics, e.g. <c>X509Store CurrentUser\My</c>.</summary>
    string Description { get; }

    /// <summary>
    /// All certificates in the store. The caller disposes them. They may come without their private keys (the NSS
    /// database: reading a key out is slow and a list does not need it); ask <see cref="HoldsPrivateKeyOf"/>.
    /// </summary>
    IReadOnlyList<X509Certificate2> List();

    /// <summary>Whether the store holds the private key of a certificate that <see cref="List"/> returned.</summary>
    bool HoldsPrivateKeyOf(X509Certificate2 certificate) => certificate.HasPrivateKey;

    /// <summary>The certificate with this SHA-1 thumbprint (hex, any case), with its private key when the store has it.</summary>
    X509Certificate2? Find(string thumbprint);

    /// <summary>Adds a certificate together with its private key.</summary>
    void Add(X509Certificate2 certificateWithKey);

    void Remove(string thumbprint);

    /// <summary>
    /// Does ahead what the first <see cref="Add"/> would pay for (reading the store, opening what it installs with),
    /// so that it costs what later ones do. Called once in the background at start; changes nothing in the store.
    /// </summary>
    void WarmUp()
    {
        foreach (var certificate in List())
        {
            certificate.Dispose();
        }
    }
}
