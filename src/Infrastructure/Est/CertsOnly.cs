using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.Infrastructure.Est;

/// <summary>
/// EST's answer format (RFC 7030 4.1.3, 4.2.3): a CMS SignedData (RFC 5652) carrying certificates and no signers
/// ("certs-only"), DER, sent base64 encoded. Read and written with System.Formats.Asn1, which the runtime ships;
/// SignedCms would need a package for two fields.
/// </summary>
public static class CertsOnly
{
    private const string SignedDataOid = "1.2.840.113549.1.7.2";
    private const string DataOid = "1.2.840.113549.1.7.1";
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);

    /// <summary>The X.509 certificates in the message; other certificate kinds (attribute certificates) are skipped.</summary>
    /// <exception cref="FormatException">The body is not base64.</exception>
    /// <exception cref="CryptographicException">The bytes are not a CMS SignedData.</exception>
    public static X509Certificate2[] Read(string base64Body)
    {
        var der = Convert.FromBase64String(base64Body);
        try
        {
            return ReadSignedData(der);
        }
        catch (AsnContentException ex)
        {
            throw new CryptographicException("Not a CMS SignedData.", ex);
        }
    }

    /// <summary>The base64 (76-character lines) of a certs-only message carrying <paramref name="certificates"/>.</summary>
    public static string Write(IEnumerable<X509Certificate2> certificates)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(SignedDataOid);
            using (writer.PushSequence(Context0))
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                using (writer.PushSetOf())
                {
                    // No digest algorithms: nothing is signed.
                }

                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(DataOid);
                }

                using (writer.PushSetOf(Context0))
                {
                    foreach (var certificate in certificates)
                    {
                        writer.WriteEncodedValue(certificate.RawData);
                    }
                }

                using (writer.PushSetOf())
                {
                    // No signer infos.
                }
            }
        }

        return Convert.ToBase64String(writer.Encode(), Base64FormattingOptions.InsertLineBreaks);
    }

    private static X509Certificate2[] ReadSignedData(byte[] der)
    {
        // BER: reading is lenient where it costs nothing (some CAs send indefinite lengths).
        var outer = new AsnReader(der, AsnEncodingRules.BER);
        var contentInfo = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        if (contentInfo.ReadObjectIdentifier() != SignedDataOid)
        {
            throw new CryptographicException("The content is not SignedData.");
        }

        var signedData = contentInfo.ReadSequence(Context0).ReadSequence();
        signedData.ReadInteger();
        signedData.ReadSetOf(skipSortOrderValidation: true);
        signedData.ReadSequence();

        var found = new List<X509Certificate2>();
        if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(Context0))
        {
            var certificates = signedData.ReadSetOf(skipSortOrderValidation: true, Context0);
            while (certificates.HasData)
            {
                var isCertificate = certificates.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence);
                var encoded = certificates.ReadEncodedValue();
                if (isCertificate)
                {
                    found.Add(X509CertificateLoader.LoadCertificate(encoded.Span));
                }
            }
        }

        return [.. found];
    }
}
