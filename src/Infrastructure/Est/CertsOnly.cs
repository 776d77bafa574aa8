using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.Infrastructure.Est;

/// <summary>
/// EST's answer format (RFC 7030 4.1.3, 4.2.3): a CMS SignedData (RFC 5652) carrying certificates and no signers
/// ("certs-only"), sent base64 encoded. Read and written with <see cref="SignedCms"/>.
/// </summary>
public static class CertsOnly
{
    /// <summary>The X.509 certificates in the message, in the order the message carries them.</summary>
    /// <exception cref="FormatException">The body is not base64.</exception>
    /// <exception cref="CryptographicException">The bytes are not a CMS SignedData.</exception>
    public static X509Certificate2[] Read(string base64Body)
    {
        var der = Convert.FromBase64String(base64Body);
        var cms = new SignedCms();
        cms.Decode(der);
        // Each read of Certificates decodes the message afresh: the caller owns these objects.
        return [.. cms.Certificates];
    }

    /// <summary>The base64 (76-character lines) of a certs-only message carrying <paramref name="certificates"/>.</summary>
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

        return Convert.ToBase64String(cms.Encode(), Base64FormattingOptions.InsertLineBreaks);
    }

    // Detached, so never sent; SignedCms refuses to sign empty content.
    private static readonly byte[] NoContent = [0x05, 0x00];
}
