using System.Runtime.Versioning;
using System.Security.Cryptography;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;

namespace CertPlatform.Infrastructure.Keys;

/// <summary>
/// On Windows, a persisted CNG key in the user's key storage provider with export forbidden: the certificate
/// in CurrentUser\My points at it and the private key can never leave the PC (the manual's rule). Elsewhere,
/// a software key that the OS store keeps with the certificate.
/// </summary>
public sealed class PlatformKeyFactory : IKeyFactory
{
    public GeneratedKey Create(KeyAlgorithm algorithm)
    {
        if (OperatingSystem.IsWindows())
        {
            return CreateNonExportableCngKey(algorithm);
        }

        AsymmetricAlgorithm key = algorithm switch
        {
            KeyAlgorithm.Rsa2048 => RSA.Create(2048),
            KeyAlgorithm.Rsa3072 => RSA.Create(3072),
            KeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };
        return new GeneratedKey(algorithm, key);
    }

    public GeneratedKey Restore(PendingInstall install)
    {
        if (install.PersistedKeyName is { } name)
        {
            return OperatingSystem.IsWindows()
                ? OpenCngKey(install.Algorithm, name)
                : throw new CryptographicException("A persisted key is kept only on Windows.");
        }

        if (install.SoftwareKey is not { Length: > 0 } pkcs8)
        {
            throw new CryptographicException("The pending install has no key.");
        }

        AsymmetricAlgorithm key = install.Algorithm == KeyAlgorithm.EcdsaP256 ? ECDsa.Create() : RSA.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
        }
        catch
        {
            key.Dispose();
            throw;
        }

        return new GeneratedKey(install.Algorithm, key);
    }

    [SupportedOSPlatform("windows")]
    private static GeneratedKey OpenCngKey(KeyAlgorithm algorithm, string name)
    {
        var cngKey = CngKey.Open(name, CngProvider.MicrosoftSoftwareKeyStorageProvider);
        AsymmetricAlgorithm key = algorithm == KeyAlgorithm.EcdsaP256 ? new ECDsaCng(cngKey) : new RSACng(cngKey);
        return new GeneratedKey(algorithm, key, discard: cngKey.Delete, persistedName: name);
    }

    [SupportedOSPlatform("windows")]
    private static GeneratedKey CreateNonExportableCngKey(KeyAlgorithm algorithm)
    {
        var parameters = new CngKeyCreationParameters
        {
            ExportPolicy = CngExportPolicies.None,
            KeyCreationOptions = CngKeyCreationOptions.None,
            KeyUsage = CngKeyUsages.Signing | (algorithm == KeyAlgorithm.EcdsaP256 ? CngKeyUsages.None : CngKeyUsages.Decryption),
            Provider = CngProvider.MicrosoftSoftwareKeyStorageProvider,
        };
        var name = $"CertPlatform-{Guid.NewGuid():N}";
        CngKey cngKey;
        AsymmetricAlgorithm key;
        switch (algorithm)
        {
            case KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072:
                var bits = algorithm == KeyAlgorithm.Rsa2048 ? 2048 : 3072;
                parameters.Parameters.Add(new CngProperty("Length", BitConverter.GetBytes(bits), CngPropertyOptions.None));
                cngKey = CngKey.Create(CngAlgorithm.Rsa, name, parameters);
                key = new RSACng(cngKey);
                break;
            case KeyAlgorithm.EcdsaP256:
                cngKey = CngKey.Create(CngAlgorithm.ECDsaP256, name, parameters);
                key = new ECDsaCng(cngKey);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm));
        }

        return new GeneratedKey(algorithm, key, discard: () =>
        {
            cngKey.Delete();
        }, persistedName: name);
    }
}
