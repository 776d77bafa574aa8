using CertPlatform.Domain.Errors;

namespace CertPlatform.Domain.Certificates;

/// <summary>
/// Where new private keys are made (configuration <c>Keys:Protection</c>). Only Windows has a choice: the
/// Microsoft Platform Crypto Provider keeps the key inside the PC's TPM, so it cannot be copied to another PC
/// even by someone who reads the disk; the software key storage provider keeps it in a DPAPI-protected file.
/// </summary>
public enum KeyProtection
{
    /// <summary>The TPM when this PC has one that makes the algorithm; otherwise a software key.</summary>
    Auto,

    /// <summary>A software key (Windows: non-exportable CNG key in the Microsoft Software Key Storage Provider).</summary>
    Software,

    /// <summary>The TPM or nothing: an issuance fails with G234e where the TPM cannot make the key.</summary>
    Tpm,
}

/// <summary>Where a private key lives, as the certificate details report it.</summary>
public enum KeyStorage
{
    /// <summary>In a file or a keychain the OS keeps for the user.</summary>
    Software,

    /// <summary>Inside the PC's TPM (Microsoft Platform Crypto Provider).</summary>
    Tpm,
}

public static class KeyProtectionChoice
{
    /// <summary>
    /// The storage for a new key of <paramref name="algorithm"/>. <paramref name="tpmMakes"/> answers whether this PC's
    /// TPM makes such a key (false where there is no TPM, and off Windows).
    /// </summary>
    /// <exception cref="CertPlatformException">G234e: <see cref="KeyProtection.Tpm"/> is required and the TPM cannot make the key.</exception>
    public static KeyStorage Choose(KeyProtection protection, KeyAlgorithm algorithm, Func<KeyAlgorithm, bool> tpmMakes)
    {
        ArgumentNullException.ThrowIfNull(tpmMakes);
        return protection switch
        {
            KeyProtection.Software => KeyStorage.Software,
            KeyProtection.Tpm => tpmMakes(algorithm) ? KeyStorage.Tpm : throw new CertPlatformException(ErrorCatalog.G234e),
            KeyProtection.Auto => tpmMakes(algorithm) ? KeyStorage.Tpm : KeyStorage.Software,
            _ => throw new ArgumentOutOfRangeException(nameof(protection)),
        };
    }
}
