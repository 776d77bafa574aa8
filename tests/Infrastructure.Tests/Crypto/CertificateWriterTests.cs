using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Infrastructure.Crypto;

namespace CertPlatform.Infrastructure.Tests.Crypto;

public sealed class CertificateWriterTests : IDisposable
{
    private readonly RSA _issuerKey = RSA.Create(2048);
    private readonly ECDsa _subjectKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Theory]
    [InlineData("2026-11-26T09:30:15Z", 366)] // UTCTime both
    [InlineData("2049-06-01T00:00:00Z", 366)] // UTCTime, then GeneralizedTime from 2050
    [InlineData("2051-01-01T12:00:00Z", 30)] // GeneralizedTime both
    public void Writes_the_same_bytes_as_dotnets_certificate_request(string notBefore, int days)
    {
        var from = DateTimeOffset.Parse(notBefore, System.Globalization.CultureInfo.InvariantCulture);
        var issuer = new X500DistinguishedName("CN=Issuer, O=(2235)CERTPLATFORM SANDBOX BANK");
        var subject = new X500DistinguishedName("CN=demo01 A001 20261126000000000000, OU=(2235)CertPlatform Sandbox CA - G1");
        var signer = X509SignatureGenerator.CreateForRSA(_issuerKey, RSASignaturePadding.Pkcs1);
        byte[] serial = [0x4A, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F];
        var request = new CertificateRequest(subject, _subjectKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        using var expected = request.Create(issuer, signer, from, from.AddDays(days), serial);
        var written = CertificateWriter.Sign(
            new CertificateWriter.Template(serial, issuer, from, from.AddDays(days), subject, request.PublicKey, [.. request.CertificateExtensions]),
            signer, HashAlgorithmName.SHA256);

        // RSA PKCS#1 v1.5 signatures are deterministic: equal inputs give equal certificates, signature included.
        Assert.Equal(Convert.ToHexString(expected.RawData), Convert.ToHexString(written));
    }

    [Fact]
    public void A_certificate_without_extensions_has_no_extensions_field()
    {
        var name = new X500DistinguishedName("CN=Plain");
        var signer = X509SignatureGenerator.CreateForRSA(_issuerKey, RSASignaturePadding.Pkcs1);
        var request = new CertificateRequest(name, _subjectKey, HashAlgorithmName.SHA256);
        var now = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

        using var expected = request.Create(name, signer, now, now.AddDays(1), [0x01]);
        var written = CertificateWriter.Sign(new CertificateWriter.Template(new byte[] { 0x01 }, name, now, now.AddDays(1), name, request.PublicKey, []), signer, HashAlgorithmName.SHA256);

        Assert.Equal(expected.RawData, written);
    }

    public void Dispose()
    {
        _issuerKey.Dispose();
        _subjectKey.Dispose();
    }
}
