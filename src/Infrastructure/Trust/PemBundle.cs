using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.Infrastructure.Trust;

/// <summary>A PEM file of CA certificates, as banks hand them out. Anything but certificates in it is refused.</summary>
public static class PemBundle
{
    /// <exception cref="InvalidDataException">The file has no certificate, a broken one, or something else (a key).</exception>
    public static IReadOnlyList<X509Certificate2> Load(string path)
    {
        var text = File.ReadAllText(path);
        var certificates = new List<X509Certificate2>();
        var rest = text.AsSpan();
        while (System.Security.Cryptography.PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label];
            if (!label.SequenceEqual("CERTIFICATE"))
            {
                throw new InvalidDataException($"{path} holds a '{label}' block; a trust anchor bundle holds certificates only.");
            }

            try
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rest[fields.Base64Data].ToString())));
            }
            catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
            {
                throw new InvalidDataException($"{path} holds a certificate that cannot be read.", ex);
            }

            rest = rest[fields.Location.End.GetOffset(rest.Length)..];
        }

        if (certificates.Count == 0)
        {
            throw new InvalidDataException($"{path} holds no PEM certificate.");
        }

        return certificates;
    }

    /// <summary>Issued by itself: a root. (The chain builder checks the signature when it matters.)</summary>
    public static bool IsSelfSigned(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
}
