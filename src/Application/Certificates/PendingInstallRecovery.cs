using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Application.Certificates;

/// <summary>
/// Finishes the installs that a crash or a failed add left in <see cref="IPendingInstalls"/>: at start and before a
/// list, each certificate the CA issued goes into the store with its key, then its record goes. A record whose
/// certificate is already in the store with its key (the crash came after the add) is just closed. A record that
/// still cannot be added waits, tried again at most every <see cref="RetryInterval"/> (the page polls the list).
/// </summary>
public sealed class PendingInstallRecovery(
    IPendingInstalls pending, ICertificateStore store, IKeyFactory keys, TimeProvider time, ILogger<PendingInstallRecovery> logger)
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, DateTimeOffset> _lastTried = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The number of certificates installed from records now.</summary>
    public async Task<int> FinishAsync(CancellationToken cancellationToken)
    {
        if (!pending.AnyUnfinished)
        {
            return 0;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var finished = 0;
            foreach (var install in pending.Unfinished())
            {
                var now = time.GetUtcNow();
                if (_lastTried.TryGetValue(install.Thumbprint, out var last) && now - last < RetryInterval)
                {
                    continue;
                }

                _lastTried[install.Thumbprint] = now;
                if (TryFinish(install))
                {
                    _lastTried.Remove(install.Thumbprint);
                    finished++;
                }
            }

            return finished;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool TryFinish(PendingInstall install)
    {
        try
        {
            using (var present = store.Find(install.Thumbprint))
            {
                if (present is not null && store.HoldsPrivateKeyOf(present))
                {
                    pending.Complete(install);
                    logger.LogInformation(new EventId(2113, "PendingInstallClosed"),
                        "Certificate {Thumbprint} was already in {Store}; its pending-install record is closed", install.Thumbprint, store.Description);
                    return false;
                }
            }

            using var certificate = X509CertificateLoader.LoadCertificate(install.Certificate);
            using var key = keys.Restore(install);
            using var withKey = CertificateInstaller.Attach(certificate, key);
            store.Add(withKey);
            pending.Complete(install);
            logger.LogWarning(new EventId(2114, "PendingInstallFinished"),
                "Finished the install of certificate {Thumbprint} (issued {IssuedAt}) that an earlier run did not complete, into {Store}",
                install.Thumbprint, install.IssuedAt, store.Description);
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or CertPlatformException or PlatformNotSupportedException)
        {
            logger.LogError(new EventId(2115, "PendingInstallWaits"), ex,
                "The pending install of certificate {Thumbprint} could not be finished yet; it is tried again later", install.Thumbprint);
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(install.SoftwareKey);
        }
    }
}
