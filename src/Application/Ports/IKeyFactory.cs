using System.Security.Cryptography;
using CertPlatform.Domain.Certificates;

namespace CertPlatform.Application.Ports;

/// <summary>Makes the key pair for a certificate request: non-exportable where the platform allows it.</summary>
public interface IKeyFactory
{
    GeneratedKey Create(KeyAlgorithm algorithm);

    /// <summary>The key of a pending install, again: the persisted key by its name, or the software key.</summary>
    /// <exception cref="CryptographicException">The key is gone or cannot be read.</exception>
    GeneratedKey Restore(PendingInstall install);

    /// <summary>Whether a new key may be made in the PC's TPM (slow for RSA: the page says so while it waits).</summary>
    bool MayUseTpm => false;
}

/// <summary>
/// A new key pair. <see cref="Discard"/> removes a persisted key (a CNG key on Windows) when the issuance
/// it was made for fails, so no orphaned key is left behind. <paramref name="handle"/> is the OS's own handle of a
/// persisted key (a <c>CngKey</c>), which the algorithm object does not own: it is closed with the key.
/// </summary>
public sealed class GeneratedKey(
    KeyAlgorithm algorithm, AsymmetricAlgorithm key, Action? discard = null, string? persistedName = null,
    IDisposable? handle = null, KeyStorage storage = KeyStorage.Software) : IDisposable
{
    public KeyAlgorithm Algorithm { get; } = algorithm;

    /// <summary>The name of a key the OS keeps (a CNG key on Windows); null for a software key.</summary>
    public string? PersistedName { get; } = persistedName;

    /// <summary>Where the key lives: the TPM or software.</summary>
    public KeyStorage Storage { get; } = storage;

    public AsymmetricAlgorithm Key { get; } = key;

    /// <summary>
    /// Closes the key, then deletes a persisted one. The delete comes last, so a failure of it leaves nothing open;
    /// the caller decides whether that failure matters more than the one that made it discard the key.
    /// </summary>
    /// <exception cref="CryptographicException">The OS did not delete the persisted key.</exception>
    public void Discard()
    {
        Key.Dispose();
        try
        {
            discard?.Invoke();
        }
        finally
        {
            handle?.Dispose();
        }
    }

    public void Dispose()
    {
        Key.Dispose();
        handle?.Dispose();
    }
}
