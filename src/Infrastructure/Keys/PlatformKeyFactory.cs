using System.Runtime.Versioning;
using System.Security.Cryptography;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Keys;

/// <summary>
/// On Windows, a persisted CNG key with export forbidden, which the certificate in CurrentUser\My points at: in the
/// PC's TPM (Microsoft Platform Crypto Provider) where <see cref="KeyOptions.Protection"/> allows and the TPM makes
/// the key type, else in the Microsoft Software Key Storage Provider. Elsewhere, a software key that the OS store
/// keeps with the certificate.
/// <para>
/// RSA-3072 never goes to the TPM: most TPM 2.0 chips make RSA-2048 and P-256 only. Making an RSA key inside a TPM
/// takes seconds to a minute; the page says so while it waits (<see cref="MayUseTpm"/>).
/// </para>
/// </summary>
public sealed class PlatformKeyFactory(IOptions<KeyOptions> options, ILogger<PlatformKeyFactory>? logger = null) : IKeyFactory
{
    /// <summary>Every key this helper makes is named so; <c>X509CertificateStore.Remove</c> deletes only such keys.</summary>
    public const string KeyNamePrefix = "CertPlatform-";

    /// <summary>The CNG key storage provider of the TPM.</summary>
    public const string TpmProviderName = CertificateKeys.TpmProviderName;

    private readonly ILogger _logger = logger ?? NullLogger<PlatformKeyFactory>.Instance;
    private readonly Lazy<bool> _tpmPresent = new(ProbeTpm);

    private KeyProtection Protection => options.Value.Protection;

    /// <summary>Whether a new key may be made in the TPM (Windows with a TPM, and the setting allows it).</summary>
    public bool MayUseTpm => Protection != KeyProtection.Software && TpmMakes(KeyAlgorithm.Rsa2048);

    public GeneratedKey Create(KeyAlgorithm algorithm)
    {
        var storage = KeyProtectionChoice.Choose(Protection, algorithm, TpmMakes);
        if (!OperatingSystem.IsWindows())
        {
            AsymmetricAlgorithm key = algorithm switch
            {
                KeyAlgorithm.Rsa2048 => RSA.Create(2048),
                KeyAlgorithm.Rsa3072 => RSA.Create(3072),
                KeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
                _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
            };
            return new GeneratedKey(algorithm, key);
        }

        if (storage == KeyStorage.Tpm)
        {
            try
            {
                return CreateCngKey(algorithm, new CngProvider(TpmProviderName), KeyStorage.Tpm);
            }
            catch (CryptographicException ex) when (Protection == KeyProtection.Auto)
            {
                _logger.LogWarning(new EventId(2130, "TpmKeyFailed"), ex,
                    "The TPM did not make a {Algorithm} key; a non-exportable software key is used", algorithm.ToDisplay());
            }
            catch (CryptographicException ex)
            {
                _logger.LogError(new EventId(2130, "TpmKeyFailed"), ex, "The TPM did not make a {Algorithm} key (Keys:Protection=Tpm)", algorithm.ToDisplay());
                throw new CertPlatformException(ErrorCatalog.G234e, innerException: ex);
            }
        }

        return CreateCngKey(algorithm, CngProvider.MicrosoftSoftwareKeyStorageProvider, KeyStorage.Software);
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

    private bool TpmMakes(KeyAlgorithm algorithm) =>
        algorithm is KeyAlgorithm.Rsa2048 or KeyAlgorithm.EcdsaP256 && _tpmPresent.Value;

    /// <summary>Whether the TPM's key storage provider opens: it is registered only where Windows sees a usable TPM.</summary>
    private static bool ProbeTpm()
    {
        if (!OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            CngKey.Exists(KeyNamePrefix + "probe", new CngProvider(TpmProviderName));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The key of a pending install, from whichever provider has it.</summary>
    [SupportedOSPlatform("windows")]
    private static GeneratedKey OpenCngKey(KeyAlgorithm algorithm, string name)
    {
        var tpm = new CngProvider(TpmProviderName);
        var (provider, storage) = CngKey.Exists(name, CngProvider.MicrosoftSoftwareKeyStorageProvider)
            ? (CngProvider.MicrosoftSoftwareKeyStorageProvider, KeyStorage.Software)
            : (tpm, KeyStorage.Tpm);
        return Wrap(algorithm, CngKey.Open(name, provider), name, storage, created: false);
    }

    [SupportedOSPlatform("windows")]
    private static GeneratedKey CreateCngKey(KeyAlgorithm algorithm, CngProvider provider, KeyStorage storage)
    {
        var parameters = new CngKeyCreationParameters
        {
            // A TPM key cannot leave the TPM whatever the policy; its provider refuses the property, so it is not set.
            ExportPolicy = storage == KeyStorage.Tpm ? null : CngExportPolicies.None,
            KeyCreationOptions = CngKeyCreationOptions.None,
            KeyUsage = CngKeyUsages.Signing | (algorithm == KeyAlgorithm.EcdsaP256 ? CngKeyUsages.None : CngKeyUsages.Decryption),
            Provider = provider,
        };
        var name = $"{KeyNamePrefix}{Guid.NewGuid():N}";
        CngAlgorithm cngAlgorithm;
        switch (algorithm)
        {
            case KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072:
                var bits = algorithm == KeyAlgorithm.Rsa2048 ? 2048 : 3072;
                parameters.Parameters.Add(new CngProperty("Length", BitConverter.GetBytes(bits), CngPropertyOptions.None));
                cngAlgorithm = CngAlgorithm.Rsa;
                break;
            case KeyAlgorithm.EcdsaP256:
                cngAlgorithm = CngAlgorithm.ECDsaP256;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm));
        }

        return Wrap(algorithm, CngKey.Create(cngAlgorithm, name, parameters), name, storage, created: true);
    }

    /// <summary>
    /// The algorithm object takes its own handle of the key; the <see cref="CngKey"/> is kept beside it, closed with it,
    /// and deletes the key from its provider when the issuance fails. A key just <paramref name="created"/> that cannot be
    /// wrapped is deleted; an opened one (a pending install's) is only closed.
    /// </summary>
    [SupportedOSPlatform("windows")]
    private static GeneratedKey Wrap(KeyAlgorithm algorithm, CngKey cngKey, string name, KeyStorage storage, bool created)
    {
        try
        {
            AsymmetricAlgorithm key = algorithm == KeyAlgorithm.EcdsaP256 ? new ECDsaCng(cngKey) : new RSACng(cngKey);
            return new GeneratedKey(algorithm, key, discard: cngKey.Delete, persistedName: name, handle: cngKey, storage: storage);
        }
        catch
        {
            if (created)
            {
                cngKey.Delete();
            }
            else
            {
                cngKey.Dispose();
            }

            throw;
        }
    }
}
