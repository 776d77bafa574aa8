using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.Infrastructure.Crypto;

/// <summary>
/// A PKCS#10 request (RFC 2986) as a CA reads it: the subject and key it asks for, and whether its signature proves
/// possession of that key. The key is imported once, for both the signature and the strength check.
/// </summary>
internal sealed class SignedCertificationRequest
{
    private readonly byte[] _encoded;
    private readonly ReadOnlyMemory<byte> _signedPart;
    private readonly string _signatureAlgorithm;
    private readonly bool _signatureAlgorithmHasParameters;
    private readonly byte[] _signature;

    private SignedCertificationRequest(byte[] encoded, CertificateRequest request, ReadOnlyMemory<byte> signedPart, string signatureAlgorithm, bool hasParameters, byte[] signature)
    {
        _encoded = encoded;
        Request = request;
        _signedPart = signedPart;
        _signatureAlgorithm = signatureAlgorithm;
        _signatureAlgorithmHasParameters = hasParameters;
        _signature = signature;
    }

    /// <summary>The request's subject name and public key (its signature is checked by <see cref="VerifiedKeySize"/>).</summary>
    public CertificateRequest Request { get; }

    /// <summary>Reads the request's structure, or null when it is not a DER PKCS#10 request.</summary>
    public static SignedCertificationRequest? Read(byte[] encoded)
    {
        try
        {
            var request = CertificateRequest.LoadSigningRequest(
                encoded, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.SkipSignatureValidation, RSASignaturePadding.Pkcs1);

            var outer = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence();
            var signedPart = outer.ReadEncodedValue();
            var algorithm = outer.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            var hasParameters = algorithm.HasData;
            var signature = outer.ReadBitString(out var unusedBits);
            outer.ThrowIfNotEmpty();
            return unusedBits == 0 ? new SignedCertificationRequest(encoded, request, signedPart, oid, hasParameters, signature) : null;
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// The size of the request's key in bits when its signature verifies with that key, else null.
    /// sha256/384/512 with RSA PKCS#1 v1.5 or ECDSA are checked here; any other algorithm by .NET's own loader.
    /// </summary>
    public int? VerifiedKeySize()
    {
        var key = Request.PublicKey;
        var hash = HashOf(_signatureAlgorithm, out var family);
        if (hash is not { } algorithm || key.Oid.Value != family)
        {
            return OtherAlgorithmKeySize();
        }

        try
        {
            if (family == Oids.RsaKey)
            {
                using var rsa = ImportRsa(key);
                return rsa.VerifyData(_signedPart.Span, _signature, algorithm, RSASignaturePadding.Pkcs1) ? rsa.KeySize : null;
            }

            // ECDSA identifiers carry no parameters (RFC 5758 3.2); only P-256 keys are imported on the fast path.
            using var ecdsa = _signatureAlgorithmHasParameters ? null : ImportEcdsa(key);
            return ecdsa is not null && ecdsa.VerifyData(_signedPart.Span, _signature, algorithm, DSASignatureFormat.Rfc3279DerSequence) ? ecdsa.KeySize : null;
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException or NotSupportedException)
        {
            return null;
        }
    }

    private int? OtherAlgorithmKeySize()
    {
        try
        {
            var verified = CertificateRequest.LoadSigningRequest(_encoded, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default, RSASignaturePadding.Pkcs1);
            using var rsa = verified.PublicKey.GetRSAPublicKey();
            using var ecdsa = rsa is null ? verified.PublicKey.GetECDsaPublicKey() : null;
            return rsa?.KeySize ?? ecdsa?.KeySize;
        }
        catch (Exception e) when (e is CryptographicException or NotSupportedException)
        {
            return null;
        }
    }

    private static HashAlgorithmName? HashOf(string signatureAlgorithm, out string keyFamily)
    {
        keyFamily = signatureAlgorithm.StartsWith("1.2.840.113549.", StringComparison.Ordinal) ? Oids.RsaKey : Oids.EcKey;
        return signatureAlgorithm switch
        {
            "1.2.840.113549.1.1.11" or "1.2.840.10045.4.3.2" => HashAlgorithmName.SHA256,
            "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
            "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
            _ => null,
        };
    }

    private static RSA ImportRsa(PublicKey key)
    {
        if (OperatingSystem.IsLinux())
        {
            var numbers = new AsnReader(key.EncodedKeyValue.RawData, AsnEncodingRules.DER).ReadSequence();
            var modulus = numbers.ReadIntegerBytes();
            var exponent = numbers.ReadIntegerBytes();
            numbers.ThrowIfNotEmpty();
            // Negative numbers are malformed keys: .NET's import refuses them below.
            if (!IsNegative(modulus.Span) && !IsNegative(exponent.Span) && OpenSslKeyImport.TryCreateRsa(modulus.Span, exponent.Span) is { } fast)
            {
                return fast;
            }
        }

        return key.GetRSAPublicKey() ?? throw new CryptographicException();
    }

    private static ECDsa? ImportEcdsa(PublicKey key)
    {
        if (OperatingSystem.IsLinux() && IsP256(key) && OpenSslKeyImport.TryCreateP256(key.EncodedKeyValue.RawData) is { } fast)
        {
            return fast;
        }

        return key.GetECDsaPublicKey();
    }

    private static bool IsP256(PublicKey key)
    {
        var parameters = new AsnReader(key.EncodedParameters?.RawData ?? [], AsnEncodingRules.DER);
        return parameters.HasData && parameters.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier) && parameters.ReadObjectIdentifier() == Oids.P256;
    }

    private static bool IsNegative(ReadOnlySpan<byte> integer) => integer.Length > 0 && integer[0] >= 0x80;
}
