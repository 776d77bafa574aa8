using System.Security.Cryptography;
using CertPlatform.Domain.Certificates;

namespace CertPlatform.Application.Ports;

/// <summary>Makes the key pair for a certificate request: non-exportable where the platform allows it.</summary>
public interface IKeyFactory
{
    GeneratedKey Create(KeyAlgorithm algorithm);
}

/// <summary>
/// A new key pair. <see cref="Discard"/> removes a persisted key (a CNG key on Windows) when the issuance
/// it was made for fails, so no orphaned key is left behind.
/// </summary>
public sealed class GeneratedKey(KeyAlgorithm algorithm, AsymmetricAlgorithm key, Action? discard = null) : IDisposable
{
    public KeyAlgorithm Algorithm { get; } = algorithm;

    public AsymmetricAlgorithm Key { get; } = key;

    public void Discard()
    {
        discard?.Invoke();
        Key.Dispose();
    }

    public void Dispose() => Key.Dispose();
}
