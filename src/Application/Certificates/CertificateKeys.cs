using System.Runtime.Versioning;
using System.Security.Cryptography;
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

    /// <summary>
    /// Where the private key lives and whether it can be exported; null without a private key. On Windows the CNG
    /// key answers (its provider, its export policy). Elsewhere the OS keeps a software key that the user's own
    /// account can read (the .NET store's file on Linux; on macOS .NET cannot make a keychain key non-extractable),
    /// so the honest answer is "software, exportable".
    /// </summary>
    public static (KeyStorage Storage, bool? Exportable)? PrivateKeyOf(X509Certificate2 certificate)
    {
        if (!certificate.HasPrivateKey)
        {
            return null;
        }

        return OperatingSystem.IsWindows() ? CngKeyOf(certificate) : (KeyStorage.Software, true);
    }

    /// <summary>The name of the platform key storage provider that holds keys in the TPM.</summary>
    public const string TpmProviderName = "Microsoft Platform Crypto Provider";

    [SupportedOSPlatform("windows")]
    private static (KeyStorage Storage, bool? Exportable) CngKeyOf(X509Certificate2 certificate)
    {
        using AsymmetricAlgorithm? key = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey();
        using var cng = key switch
        {
            RSACng rsa => rsa.Key,
            ECDsaCng ec => ec.Key,
            _ => null,
        };
        if (cng is null)
        {
            return (KeyStorage.Software, null);
        }

        var storage = string.Equals(cng.Provider?.Provider, TpmProviderName, StringComparison.OrdinalIgnoreCase) ? KeyStorage.Tpm : KeyStorage.Software;
        var exportable = storage == KeyStorage.Software && (cng.ExportPolicy & (CngExportPolicies.AllowExport | CngExportPolicies.AllowPlaintextExport)) != 0;
        return (storage, exportable);
    }

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
