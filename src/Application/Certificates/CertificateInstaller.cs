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
/// <para>
/// Between the CA's answer and the store, the certificate and what its key needs are written to a pending-install
/// record (<see cref="IPendingInstalls"/>) first. An add that fails, or that a crash cuts off, is finished from the
/// record at the next start or the next list (<see cref="PendingInstallRecovery"/>): a certificate the CA issued is
/// never lost on the way to the store, and the manual's "revoke and issue again" (FAQ 3.1.2) is not needed for it.
/// </para>
/// </summary>
public sealed class CertificateInstaller(
    IKeyFactory keyFactory,
    ICertificateAuthority authority,
    ICertificateStore store,
    IssuedCertificateVerifier verifier,
    IPendingInstalls pending,
    TimeProvider time,
    ILogger<CertificateInstaller> logger)
{
    /// <param name="enroll">Sends the request to the CA: a first enrollment, or a re-enrollment that proves the current key.</param>
    /// <param name="renews">The certificate a renewal replaces (marked superseded once the new one is in the store).</param>
    public async Task<IssuedCertificate> InstallAsync(
        CertificateSubject subject,
        KeyAlgorithm algorithm,
        Func<byte[], CancellationToken, Task<X509Certificate2>> enroll,
        CancellationToken cancellationToken,
        string? renews = null)
    {
        var key = keyFactory.Create(algorithm);
        var keepKey = false;
        try
        {
            var request = CertificationRequest.Create(subject, key);
            using var issued = await enroll(request, cancellationToken);
            CrashPoints.Reach(CrashPoints.AfterCa);
            var caCertificates = await authority.GetCaCertificatesAsync(cancellationToken);
            verifier.Verify(issued, key, subject, caCertificates);

            var record = new PendingInstall(
                issued.Thumbprint, issued.RawData, algorithm, key.PersistedName,
                key.PersistedName is null ? key.Key.ExportPkcs8PrivateKey() : null, renews, time.GetUtcNow());
            var recorded = TrySave(record);
            CrashPoints.Reach(CrashPoints.AfterPendingRecord);

            using var withKey = Attach(issued, key);
            try
            {
                store.Add(withKey);
            }
            catch (Exception ex) when (ex is CryptographicException or UnauthorizedAccessException or IOException or PlatformNotSupportedException or CertPlatformException)
            {
                logger.LogError(ex, "Adding certificate {Thumbprint} to {Store} failed", issued.Thumbprint, store.Description);
                if (recorded)
                {
                    // The record finishes the install once the store takes it again: the key stays with it.
                    keepKey = true;
                    pending.Release(record.Thumbprint);
                    logger.LogWarning(new EventId(2110, "InstallPending"),
                        "Certificate {Thumbprint} waits in the pending installs; it is added at the next list or start", issued.Thumbprint);
                }

                if (ex is CertPlatformException)
                {
                    throw;
                }

                throw new CertPlatformException(LocalFaults.Classify(ex) ?? ErrorCatalog.G001e, innerException: ex);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(record.SoftwareKey);
            }

            keepKey = true;
            CrashPoints.Reach(CrashPoints.AfterStoreAdd);

            // Closes the record, and records which certificate a renewal replaced (also when no record could be written).
            Complete(record);

            logger.LogInformation("Installed certificate {Thumbprint} serial {Serial} in {Store}", issued.Thumbprint, issued.SerialNumber, store.Description);
            return IssuedCertificate.From(issued, subject, algorithm);
        }
        finally
        {
            if (keepKey)
            {
                key.Dispose();
            }
            else
            {
                Discard(key);
            }
        }
    }

    /// <summary>
    /// A key whose issuance failed goes. A delete that fails is logged, not thrown: the caller must see why the
    /// issuance failed, and the key is orphaned but useless without a certificate.
    /// </summary>
    private void Discard(GeneratedKey key)
    {
        try
        {
            key.Discard();
        }
        catch (CryptographicException ex)
        {
            logger.LogWarning(new EventId(2113, "KeyDiscardFailed"), ex,
                "The key {KeyName} of the failed issuance could not be deleted", key.PersistedName ?? "(software key)");
        }
    }

    /// <summary>The record is a safety net: when it cannot be written (a full disk), the store is still tried.</summary>
    private bool TrySave(PendingInstall record)
    {
        try
        {
            pending.Save(record);
            return true;
        }
        catch (Exception ex) when (LocalFaults.Classify(ex) is not null)
        {
            logger.LogWarning(new EventId(2111, "PendingRecordFailed"), ex,
                "The pending-install record of {Thumbprint} could not be written; adding it to the store without one", record.Thumbprint);
            return false;
        }
    }

    /// <summary>The store has it: a record left behind would only be found complete at the next start.</summary>
    private void Complete(PendingInstall record)
    {
        try
        {
            pending.Complete(record);
        }
        catch (Exception ex) when (LocalFaults.Classify(ex) is not null)
        {
            logger.LogWarning(new EventId(2112, "PendingCompleteFailed"), ex,
                "The pending-install record of {Thumbprint} could not be closed; the next start closes it", record.Thumbprint);
        }
    }

    internal static X509Certificate2 Attach(X509Certificate2 certificate, GeneratedKey key) => key.Key switch
    {
        RSA rsa => certificate.CopyWithPrivateKey(rsa),
        ECDsa ecdsa => certificate.CopyWithPrivateKey(ecdsa),
        _ => throw new NotSupportedException($"Key type {key.Key.GetType().Name} is not supported."),
    };
}
