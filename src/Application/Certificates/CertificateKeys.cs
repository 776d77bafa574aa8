using System.Security.Cryptography.X509Certificates;
using CertPlatform.Domain.Certificates;

namespace CertPlatform.Application.Certificates;

/// <summary>What kind of key a certificate carries: for the renewal's key rollover and for the details screen.</summary>
public static class CertificateKeys
{
    /// <summary>One of the key types the helper makes, or null for any other key (a renewal then uses the default).</summary>
    public static KeyAlgorithm? AlgorithmOf(X509Certificate2 certificate) => Read(certificate) switch
    {
        (true, 2048) => KeyAlgorithm.Rsa2048,
        (true, 3072) => KeyAlgorithm.Rsa3072,
        (false, 256) => KeyAlgorithm.EcdsaP256,
        _ => null,
    };

    /// <summary><c>RSA-2048</c>, <c>ECDSA-P256</c>, … for whatever key the certificate has.</summary>
    public static string DisplayNameOf(X509Certificate2 certificate) => Read(certificate) switch
    {
        (true, var bits) => $"RSA-{bits}",
        (false, var bits) => $"ECDSA-P{bits}",
        null => certificate.PublicKey.Oid.FriendlyName ?? "unknown",
    };

    private static (bool Rsa, int Bits)? Read(X509Certificate2 certificate)
    {
        using (var rsa = certificate.GetRSAPublicKey())
        {
            if (rsa is not null)
            {
                return (true, rsa.KeySize);
            }
        }

        using var ecdsa = certificate.GetECDsaPublicKey();
        return ecdsa is not null ? (false, ecdsa.KeySize) : null;
    }
}
