using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.Infrastructure.Revocation;

/// <summary>
/// The CRL addresses a certificate names in its CRL Distribution Points extension (RFC 5280 4.2.1.13): the
/// http and https URIs of the full names, in the order given. Other kinds (LDAP, relative names) are not used.
/// </summary>
public static class CrlDistributionPoints
{
    public const string Oid = "2.5.29.31";

    public static IReadOnlyList<Uri> Of(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions[Oid];
        if (extension is null)
        {
            return [];
        }

        try
        {
            return Read(extension.RawData);
        }
        catch (AsnContentException)
        {
            return [];
        }
        catch (CryptographicException)
        {
            return [];
        }
    }

    // CRLDistributionPoints ::= SEQUENCE OF DistributionPoint
    // DistributionPoint ::= SEQUENCE { distributionPoint [0] DistributionPointName OPTIONAL, reasons [1] OPTIONAL, cRLIssuer [2] OPTIONAL }
    // DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1] }
    private static List<Uri> Read(byte[] der)
    {
        var uris = new List<Uri>();
        var points = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        while (points.HasData)
        {
            var point = points.ReadSequence();
            if (!point.HasData || !point.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                continue;
            }

            var name = point.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
            if (!name.HasData || !name.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                continue;
            }

            var fullName = name.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
            var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
            while (fullName.HasData)
            {
                if (!fullName.PeekTag().HasSameClassAndValue(uriTag))
                {
                    fullName.ReadEncodedValue();
                    continue;
                }

                var text = fullName.ReadCharacterString(UniversalTagNumber.IA5String, uriTag);
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    uris.Add(uri);
                }
            }
        }

        return uris;
    }
}
