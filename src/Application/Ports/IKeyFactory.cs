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
}

/// <summary>
/// A new key pair. <see cref="Discard"/> removes a persisted key (a CNG key on Windows) when the issuance
/// it was made for fails, so no orphaned key is left behind.
/// </summary>
public sealed class GeneratedKey(KeyAlgorithm algorithm, AsymmetricAlgorithm key, Action? discard = null, string? persistedName = null) : IDisposable
{
    public KeyAlgorithm Algorithm { get; } = algorithm;

    /// <summary>The name of a key the OS keeps (a CNG key on Windows); null for a software key.</summary>
    public string? PersistedName { get; } = persistedName;

    public AsymmetricAlgorithm Key { get; } = key;

    public void Discard()
    {
        discard?.Invoke();
        Key.Dispose();
    }

    public void Dispose() => Key.Dispose();
}
