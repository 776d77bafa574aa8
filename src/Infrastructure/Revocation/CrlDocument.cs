using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CertPlatform.Infrastructure.Revocation;

/// <summary>
/// An X.509 certificate revocation list (RFC 5280 5.1), read far enough to answer "is this certificate on it?" once
/// its signature is checked against the CA that issued the certificate. .NET builds CRLs
/// (<see cref="CertificateRevocationListBuilder"/>) but neither reads nor verifies them, so this does, with the ASN.1
/// reader: a CRL from the network is not trusted for anything before <see cref="IsSignedBy"/> says yes.
/// </summary>
public sealed class CrlDocument
{
    private const string PemLabel = "X509 CRL";

    private readonly byte[] _signedPart;
    private readonly string _signatureAlgorithm;
    private readonly byte[] _signature;
    private readonly HashSet<string> _revokedSerials;

    private CrlDocument(byte[] signedPart, string signatureAlgorithm, byte[] signature, byte[] issuer, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, HashSet<string> revokedSerials)
    {
        _signedPart = signedPart;
        _signatureAlgorithm = signatureAlgorithm;
        _signature = signature;
        IssuerName = new X500DistinguishedName(issuer);
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        _revokedSerials = revokedSerials;
    }

    public X500DistinguishedName IssuerName { get; }

    public DateTimeOffset ThisUpdate { get; }

    /// <summary>When the CA promises the next list; a list past it is stale, though what it revoked stays revoked.</summary>
    public DateTimeOffset? NextUpdate { get; }

    /// <summary>The serial numbers on the list: upper-case hex without leading zeros.</summary>
    public IReadOnlyCollection<string> RevokedSerialNumbers => _revokedSerials;

    /// <summary>Reads a DER CRL, or a PEM one (<c>-----BEGIN X509 CRL-----</c>).</summary>
    /// <exception cref="InvalidDataException">Not a CRL.</exception>
    public static CrlDocument Parse(byte[] encoded)
    {
        try
        {
            return ParseDer(IsPem(encoded) ? FromPem(encoded) : encoded);
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException or FormatException or ArgumentException)
        {
            throw new InvalidDataException("Not an X.509 CRL.", ex);
        }
    }

    /// <summary>Whether <paramref name="certificate"/> (of this list's issuer) is on it.</summary>
    public bool Lists(X509Certificate2 certificate) => _revokedSerials.Contains(NormalizeSerial(certificate.SerialNumber));

    /// <summary>Whether <paramref name="issuer"/> signed this list: its name is the list's issuer and its key verifies the signature.</summary>
    public bool IsSignedBy(X509Certificate2 issuer)
    {
        if (!issuer.SubjectName.RawData.AsSpan().SequenceEqual(IssuerName.RawData))
        {
            return false;
        }

        var hash = _signatureAlgorithm switch
        {
            "1.2.840.113549.1.1.11" or "1.2.840.10045.4.3.2" => HashAlgorithmName.SHA256,
            "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
            "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
            _ => (HashAlgorithmName?)null,
        };
        if (hash is not { } algorithm)
        {
            return false;
        }

        try
        {
            if (_signatureAlgorithm.StartsWith("1.2.840.113549", StringComparison.Ordinal))
            {
                using var rsa = issuer.GetRSAPublicKey();
                return rsa is not null && rsa.VerifyData(_signedPart, _signature, algorithm, RSASignaturePadding.Pkcs1);
            }

            using var ecdsa = issuer.GetECDsaPublicKey();
            return ecdsa is not null && ecdsa.VerifyData(_signedPart, _signature, algorithm, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Upper-case hex without leading zeros, so that 00AB and ab are the same serial.</summary>
    public static string NormalizeSerial(string hex)
    {
        var trimmed = hex.TrimStart('0').ToUpperInvariant();
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    // CertificateList ::= SEQUENCE { tbsCertList TBSCertList, signatureAlgorithm AlgorithmIdentifier, signatureValue BIT STRING }
    private static CrlDocument ParseDer(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var certificateList = reader.ReadSequence();
        reader.ThrowIfNotEmpty();

        var signedPart = certificateList.ReadEncodedValue().ToArray();
        var algorithm = certificateList.ReadSequence();
        var signatureAlgorithm = algorithm.ReadObjectIdentifier();
        var signature = certificateList.ReadBitString(out _);
        certificateList.ThrowIfNotEmpty();

        // TBSCertList ::= SEQUENCE { version INTEGER OPTIONAL, signature AlgorithmIdentifier, issuer Name, thisUpdate Time,
        //   nextUpdate Time OPTIONAL, revokedCertificates SEQUENCE OF SEQUENCE { userCertificate INTEGER, revocationDate Time,
        //   crlEntryExtensions Extensions OPTIONAL } OPTIONAL, crlExtensions [0] EXPLICIT Extensions OPTIONAL }
        var tbs = new AsnReader(signedPart, AsnEncodingRules.DER).ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger();
        }

        var innerAlgorithm = tbs.ReadSequence().ReadObjectIdentifier();
        if (innerAlgorithm != signatureAlgorithm)
        {
            throw new FormatException("The CRL names two different signature algorithms.");
        }

        var issuer = tbs.ReadEncodedValue().ToArray();
        var thisUpdate = ReadTime(tbs);
        DateTimeOffset? nextUpdate = tbs.HasData && IsTime(tbs.PeekTag()) ? ReadTime(tbs) : null;

        var serials = new HashSet<string>(StringComparer.Ordinal);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var entries = tbs.ReadSequence();
            while (entries.HasData)
            {
                var entry = entries.ReadSequence();
                serials.Add(NormalizeSerial(Convert.ToHexString(entry.ReadIntegerBytes().Span)));
            }
        }

        return new CrlDocument(signedPart, signatureAlgorithm, signature, issuer, thisUpdate, nextUpdate, serials);
    }

    private static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UtcTime)) || tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.GeneralizedTime));

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UtcTime)) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    private static bool IsPem(byte[] encoded) => encoded.Length > 10 && encoded.AsSpan(0, 10).SequenceEqual("-----BEGIN"u8);

    private static byte[] FromPem(byte[] encoded)
    {
        var text = Encoding.ASCII.GetString(encoded);
        var fields = PemEncoding.Find(text);
        if (!text.AsSpan()[fields.Label].SequenceEqual(PemLabel))
        {
            throw new FormatException("The PEM block is not an X509 CRL.");
        }

        return Convert.FromBase64String(text[fields.Base64Data]);
    }
}
