using CertPlatform.Domain.Certificates;

namespace CertPlatform.Infrastructure.Keys;

/// <summary>Configuration section <c>Keys</c>: where new private keys are made.</summary>
public sealed class KeyOptions
{
    public const string Section = "Keys";

    /// <summary>
    /// <c>Auto</c> (default): the TPM where this Windows PC has one that makes the key type (RSA-2048, ECDSA P-256),
    /// else a non-exportable software key. <c>Tpm</c>: the TPM or a clear error (G234e). <c>Software</c>: never the TPM.
    /// Off Windows every key is a software key, and <c>Tpm</c> fails every issuance with G234e.
    /// </summary>
    public KeyProtection Protection { get; set; } = KeyProtection.Auto;
}
