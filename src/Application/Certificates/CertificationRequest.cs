using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;

namespace CertPlatform.Application.Certificates;

/// <summary>Builds the PKCS#10 request for a subject and a new key, and reads the subject back from a name.</summary>
public static class CertificationRequest
{
    public static byte[] Create(CertificateSubject subject, GeneratedKey key)
    {
        var name = ToX500Name(subject);
        var request = key.Key switch
        {
            RSA rsa => new CertificateRequest(name, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => new CertificateRequest(name, ecdsa, HashAlgorithmName.SHA256),
            _ => throw new NotSupportedException($"Key type {key.Key.GetType().Name} is not supported."),
        };
        return request.CreateSigningRequest();
    }

    /// <summary>O, then OU, then CN: the encoded order, which viewers print reversed as <c>CN=…, OU=…, O=…</c>.</summary>
    public static X500DistinguishedName ToX500Name(CertificateSubject subject)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddOrganizationName(subject.Organization);
        builder.AddOrganizationalUnitName(subject.OrganizationalUnit);
        builder.AddCommonName(subject.CommonName);
        return builder.Build();
    }

    /// <summary>The O, OU and CN of a name, or null when it does not have exactly one of each.</summary>
    public static CertificateSubject? ReadSubject(X500DistinguishedName name)
    {
        string? o = null, ou = null, cn = null;
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements)
            {
                return null;
            }

            var value = rdn.GetSingleElementValue();
            switch (rdn.GetSingleElementType().Value)
            {
                case "2.5.4.10" when o is null: o = value; break;
                case "2.5.4.11" when ou is null: ou = value; break;
                case "2.5.4.3" when cn is null: cn = value; break;
                default: return null;
            }
        }

        return o is null || ou is null || cn is null ? null : new CertificateSubject(o, ou, cn);
    }
}
