using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Domain.Errors;

namespace CertPlatform.Sandbox;

/// <summary>
/// In-process proof that the caller holds a certificate's private key: the key signs a fresh random challenge
/// and the signature is checked against the public certificate alone. Over HTTPS, TLS client authentication
/// proves the same, and the sandbox's <c>…Verified</c> methods take the certificate after that.
/// </summary>
public static class SandboxPossession
{
    /// <summary>Returns the certificate without its key once the key has proven itself.</summary>
    /// <exception cref="CertPlatformException">G109e when there is no key or it is not the certificate's.</exception>
    public static X509Certificate2 Prove(X509Certificate2 certificate)
    {
        var publicCertificate = X509CertificateLoader.LoadCertificate(certificate.RawData);
        bool proven;
        try
        {
            using var key = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey();
            proven = key is not null && Proves(publicCertificate, key);
        }
        catch (CryptographicException)
        {
            proven = false;
        }

        if (!proven)
        {
            publicCertificate.Dispose();
            throw new CertPlatformException(ErrorCatalog.G109e);
        }

        return publicCertificate;
    }

    /// <summary>Whether <paramref name="privateKey"/> signs what <paramref name="publicCertificate"/>'s key verifies.</summary>
    public static bool Proves(X509Certificate2 publicCertificate, AsymmetricAlgorithm privateKey)
    {
        var challenge = RandomNumberGenerator.GetBytes(32);
        switch (privateKey)
        {
            case RSA rsa:
                {
                    using var verifier = publicCertificate.GetRSAPublicKey();
                    return verifier is not null && verifier.VerifyData(
                        challenge, rsa.SignData(challenge, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                }

            case ECDsa ecdsa:
                {
                    using var verifier = publicCertificate.GetECDsaPublicKey();
                    return verifier is not null && verifier.VerifyData(challenge, ecdsa.SignData(challenge, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256);
                }

            default:
                return false;
        }
    }
}
