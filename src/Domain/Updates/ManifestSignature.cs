using System.Security.Cryptography;
using System.Text;

namespace CertPlatform.Domain.Updates;

/// <summary>What checking a manifest's detached signature found.</summary>
public enum SignatureCheck
{
    Valid,

    /// <summary>No signature at all (no .sig file, or an empty one).</summary>
    Missing,

    /// <summary>A signature that is not base64 DER, was made by another key, or does not cover these bytes.</summary>
    Invalid,
}

/// <summary>
/// The feed's signature: ECDSA P-256 with SHA-256 over the exact bytes of manifest.json, stored next to it as
/// manifest.json.sig holding the base64 of the DER (RFC 3279) signature. That is the form OpenSSL reads, so a
/// bank can check a release by hand: <c>base64 -d manifest.json.sig &gt; sig.der &amp;&amp;
/// openssl dgst -sha256 -verify pub.pem -signature sig.der manifest.json</c>.
/// </summary>
public static class ManifestSignature
{
    public const string FileSuffix = ".sig";

    /// <summary>A base64 DER P-256 signature is under 100 characters; anything much longer is not one.</summary>
    public const int MaxBytes = 1024;

    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>The content of manifest.json.sig: base64 of the DER signature and a newline.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> manifest, ECDsa privateKey)
    {
        RequireP256(privateKey);
        var signature = privateKey.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Encoding.ASCII.GetBytes(Convert.ToBase64String(signature) + "\n");
    }

    public static SignatureCheck Verify(ReadOnlySpan<byte> manifest, ReadOnlySpan<byte> signatureFile, ECDsa publicKey)
    {
        if (signatureFile.Length > MaxBytes)
        {
            return SignatureCheck.Invalid;
        }

        var text = Encoding.ASCII.GetString(signatureFile).Trim();
        if (text.Length == 0)
        {
            return SignatureCheck.Missing;
        }

        var der = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, der, out var length))
        {
            return SignatureCheck.Invalid;
        }

        try
        {
            return publicKey.VerifyData(manifest, der.AsSpan(0, length), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
                ? SignatureCheck.Valid
                : SignatureCheck.Invalid;
        }
        catch (CryptographicException)
        {
            return SignatureCheck.Invalid;
        }
    }

    /// <summary>
    /// Reads the pinned feed key: a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) on the P-256 curve. A private key,
    /// another curve or another algorithm is refused, so a configuration mistake fails at start, not silently.
    /// </summary>
    public static ECDsa ImportPublicKey(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not "PUBLIC KEY")
        {
            throw new FormatException("The feed key is not a PEM PUBLIC KEY.");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(pem[fields.Base64Data].ToString()), out _);
            RequireP256(key);
            return key;
        }
        catch (CryptographicException)
        {
            key.Dispose();
            throw new FormatException("The feed key is not an ECDSA P-256 public key.");
        }
        catch (FormatException)
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Reads a release signing key: a PEM "PRIVATE KEY" (PKCS#8) on the P-256 curve.</summary>
    public static ECDsa ImportPrivateKey(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not "PRIVATE KEY")
        {
            throw new FormatException("The signing key is not a PEM PRIVATE KEY (PKCS#8).");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(Convert.FromBase64String(pem[fields.Base64Data].ToString()), out _);
            RequireP256(key);
            return key;
        }
        catch (CryptographicException)
        {
            key.Dispose();
            throw new FormatException("The signing key is not an ECDSA P-256 private key.");
        }
        catch (FormatException)
        {
            key.Dispose();
            throw;
        }
    }

    private static void RequireP256(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (key.KeySize != 256 || !curve.IsNamed || (curve.Oid.Value != P256Oid && curve.Oid.FriendlyName is not ("nistP256" or "ECDSA_P256")))
        {
            throw new FormatException("The key is not on the P-256 curve.");
        }
    }
}
