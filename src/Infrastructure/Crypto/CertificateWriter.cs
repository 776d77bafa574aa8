using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.Infrastructure.Crypto;

/// <summary>
/// Writes and signs an X.509 v3 certificate (RFC 5280 4.1) and hands out its DER, the way
/// <see cref="CertificateRequest.Create(X500DistinguishedName, X509SignatureGenerator, DateTimeOffset, DateTimeOffset, ReadOnlySpan{byte})"/>
/// does, byte for byte (a test compares them), without that method's last step: parsing the new certificate back into
/// an <see cref="X509Certificate2"/>, which costs a CA about 0.1 ms per certificate on OpenSSL 3.0. The CA returns
/// DER; whoever needs a certificate object loads it.
/// </summary>
internal static class CertificateWriter
{
    /// <summary>The fields of the certificate to sign. The validity is written at second precision, as given.</summary>
    public sealed record Template(
        ReadOnlyMemory<byte> SerialNumber,
        X500DistinguishedName Issuer,
        DateTimeOffset NotBefore,
        DateTimeOffset NotAfter,
        X500DistinguishedName Subject,
        PublicKey PublicKey,
        IReadOnlyList<X509Extension> Extensions);

    public static byte[] Sign(Template template, X509SignatureGenerator signer, HashAlgorithmName hash)
    {
        var signatureAlgorithm = signer.GetSignatureAlgorithmIdentifier(hash);
        var toBeSigned = new AsnWriter(AsnEncodingRules.DER);
        using (toBeSigned.PushSequence())
        {
            using (toBeSigned.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                toBeSigned.WriteInteger(2); // v3
            }

            toBeSigned.WriteInteger(template.SerialNumber.Span);
            toBeSigned.WriteEncodedValue(signatureAlgorithm);
            toBeSigned.WriteEncodedValue(template.Issuer.RawData);
            using (toBeSigned.PushSequence())
            {
                WriteTime(toBeSigned, template.NotBefore);
                WriteTime(toBeSigned, template.NotAfter);
            }

            toBeSigned.WriteEncodedValue(template.Subject.RawData);
            toBeSigned.WriteEncodedValue(template.PublicKey.ExportSubjectPublicKeyInfo());
            if (template.Extensions.Count > 0)
            {
                WriteExtensions(toBeSigned, template.Extensions);
            }
        }

        var encodedToBeSigned = toBeSigned.Encode();
        var signature = signer.SignData(encodedToBeSigned, hash);

        var certificate = new AsnWriter(AsnEncodingRules.DER);
        using (certificate.PushSequence())
        {
            certificate.WriteEncodedValue(encodedToBeSigned);
            certificate.WriteEncodedValue(signatureAlgorithm);
            certificate.WriteBitString(signature);
        }

        return certificate.Encode();
    }

    private static void WriteExtensions(AsnWriter writer, IReadOnlyList<X509Extension> extensions)
    {
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3)))
        using (writer.PushSequence())
        {
            foreach (var extension in extensions)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(extension.Oid!.Value!);
                    if (extension.Critical)
                    {
                        writer.WriteBoolean(true); // DEFAULT FALSE is left out (DER)
                    }

                    writer.WriteOctetString(extension.RawData);
                }
            }
        }
    }

    /// <summary>UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5).</summary>
    private static void WriteTime(AsnWriter writer, DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        if (utc.Year is >= 1950 and < 2050)
        {
            writer.WriteUtcTime(utc);
        }
        else
        {
            writer.WriteGeneralizedTime(utc, omitFractionalSeconds: true);
        }
    }
}
