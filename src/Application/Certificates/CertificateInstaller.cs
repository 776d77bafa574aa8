using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Application.Certificates;

/// <summary>
/// The part of issuance and renewal after the center said yes: make a key, send the request to the CA,
/// check the answer, put certificate and key in the store. A key whose issuance failed is discarded.
/// </summary>
public sealed class CertificateInstaller(
    IKeyFactory keyFactory,
    ICertificateAuthority authority,
    ICertificateStore store,
    IssuedCertificateVerifier verifier,
    ILogger<CertificateInstaller> logger)
{
    /// <param name="enroll">Sends the request to the CA: a first enrollment, or a re-enrollment that proves the current key.</param>
    public async Task<IssuedCertificate> InstallAsync(
        CertificateSubject subject,
        KeyAlgorithm algorithm,
        Func<byte[], CancellationToken, Task<X509Certificate2>> enroll,
        CancellationToken cancellationToken)
    {
        var key = keyFactory.Create(algorithm);
        var installed = false;
        try
        {
            var request = CertificationRequest.Create(subject, key);
            using var issued = await enroll(request, cancellationToken);
            var caCertificates = await authority.GetCaCertificatesAsync(cancellationToken);
            verifier.Verify(issued, key, subject, caCertificates);

            using var withKey = Attach(issued, key);
            try
            {
                store.Add(withKey);
            }
            catch (Exception ex) when (ex is CryptographicException or UnauthorizedAccessException or IOException or PlatformNotSupportedException)
            {
                logger.LogError(ex, "Adding certificate {Thumbprint} to {Store} failed", issued.Thumbprint, store.Description);
                throw new CertPlatformException(ErrorCatalog.G001e, innerException: ex);
            }

            installed = true;
            logger.LogInformation("Installed certificate {Thumbprint} serial {Serial} in {Store}", issued.Thumbprint, issued.SerialNumber, store.Description);
            return IssuedCertificate.From(issued, subject, algorithm);
        }
        finally
        {
            if (installed)
            {
                key.Dispose();
            }
            else
            {
                key.Discard();
            }
        }
    }

    private static X509Certificate2 Attach(X509Certificate2 certificate, GeneratedKey key) => key.Key switch
    {
        RSA rsa => certificate.CopyWithPrivateKey(rsa),
        ECDsa ecdsa => certificate.CopyWithPrivateKey(ecdsa),
        _ => throw new NotSupportedException($"Key type {key.Key.GetType().Name} is not supported."),
    };
}
