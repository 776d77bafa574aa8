using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CertPlatform.Infrastructure.Est;

/// <summary>
/// EST's answer format (RFC 7030 4.1.3, 4.2.3): a CMS SignedData (RFC 5652) carrying certificates and no signers
/// ("certs-only"), sent base64 encoded. RFC 8951 (folding in the errata to RFC 7030) says HTTP has no
/// Content-Transfer-Encoding and the base64 is the plain kind: this side writes it without line breaks, and reads what
/// real servers send — with or without line breaks, PEM-armoured, or the DER itself. Read and written with
/// <see cref="SignedCms"/>.
/// </summary>
public static class CertsOnly
{
    private const byte DerSequence = 0x30;

    /// <summary>The X.509 certificates in the message, in the order the message carries them.</summary>
    /// <exception cref="FormatException">The body is not base64.</exception>
    /// <exception cref="CryptographicException">The bytes are not a CMS SignedData.</exception>
    public static X509Certificate2[] Read(string base64Body) =>
        Decode(DecodeBody(Encoding.ASCII.GetBytes(base64Body)) ?? throw new FormatException("The body is neither base64 nor DER."));

    /// <summary>The message in an EST body of any of the forms above.</summary>
    /// <exception cref="FormatException">The body is neither base64 nor DER.</exception>
    /// <exception cref="CryptographicException">The bytes are not a CMS SignedData.</exception>
    public static X509Certificate2[] Read(byte[] body) =>
        Decode(DecodeBody(body) ?? throw new FormatException("The body is neither base64 nor DER."));

    /// <summary>
    /// The DER an EST body carries (a PKCS#7 answer or a PKCS#10 request): base64 with any line breaks or white
    /// space, a PEM block, or DER sent as is (its first byte is a SEQUENCE, which no base64 text starts with); null
    /// when it is none of them.
    /// </summary>
    public static byte[]? DecodeBody(byte[] body)
    {
        var content = body.AsSpan().Trim(" \t\r\n"u8);
        if (content.Length > 0 && content[0] == DerSequence)
        {
            return content.ToArray();
        }

        var text = Encoding.ASCII.GetString(content);
        if (PemEncoding.TryFind(text, out var pem))
        {
            text = text[pem.Base64Data];
        }

        try
        {
            var der = Convert.FromBase64String(text);
            return der.Length > 0 ? der : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The base64 (one line, no breaks) of a certs-only message carrying <paramref name="certificates"/>.</summary>
    public static string Write(IEnumerable<X509Certificate2> certificates)
    {
        // SignedCms encodes only a message it has signed or decoded: a "no signature" signer makes one, and removing
        // that signer leaves SignedData with no digest algorithms, no content and no signer infos, which is certs-only.
        var cms = new SignedCms(new ContentInfo(NoContent), detached: true);
        cms.ComputeSignature(new CmsSigner(SubjectIdentifierType.NoSignature) { IncludeOption = X509IncludeOption.None });
        cms.RemoveSignature(0);
        foreach (var certificate in certificates)
        {
            cms.AddCertificate(certificate);
        }

        return Convert.ToBase64String(cms.Encode());
    }

    private static X509Certificate2[] Decode(byte[] der)
    {
        var cms = new SignedCms();
        cms.Decode(der);
        // Each read of Certificates decodes the message afresh: the caller owns these objects.
        return [.. cms.Certificates];
    }

    // Detached, so never sent; SignedCms refuses to sign empty content.
    private static readonly byte[] NoContent = [0x05, 0x00];
}
