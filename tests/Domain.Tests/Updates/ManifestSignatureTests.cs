using System.Security.Cryptography;
using System.Text;
using CertPlatform.Domain.Updates;

namespace CertPlatform.Domain.Tests.Updates;

public sealed class ManifestSignatureTests : IDisposable
{
    private static readonly byte[] Manifest = UpdateManifestJson.Write(ManifestSamples.Manifest());

    private readonly ECDsa _feedKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        _feedKey.Dispose();
        _otherKey.Dispose();
    }

    [Fact]
    public void A_manifest_signed_with_the_feed_key_verifies()
    {
        var signature = ManifestSignature.Sign(Manifest, _feedKey);

        Assert.Equal(SignatureCheck.Valid, ManifestSignature.Verify(Manifest, signature, _feedKey));
    }

    [Fact]
    public void The_signature_file_is_base64_of_a_DER_sequence()
    {
        var der = Convert.FromBase64String(Encoding.ASCII.GetString(ManifestSignature.Sign(Manifest, _feedKey)).Trim());

        Assert.Equal(0x30, der[0]);
        Assert.Equal(der.Length - 2, der[1]);
    }

    [Fact]
    public void A_tampered_manifest_does_not_verify()
    {
        var signature = ManifestSignature.Sign(Manifest, _feedKey);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Manifest).Replace("1.2.0", "9.9.9", StringComparison.Ordinal));

        Assert.Equal(SignatureCheck.Invalid, ManifestSignature.Verify(tampered, signature, _feedKey));
    }

    [Fact]
    public void A_truncated_manifest_does_not_verify()
    {
        var signature = ManifestSignature.Sign(Manifest, _feedKey);

        Assert.Equal(SignatureCheck.Invalid, ManifestSignature.Verify(Manifest.AsSpan(0, Manifest.Length / 2), signature, _feedKey));
    }

    [Fact]
    public void A_truncated_signature_does_not_verify()
    {
        var signature = ManifestSignature.Sign(Manifest, _feedKey);

        Assert.Equal(SignatureCheck.Invalid, ManifestSignature.Verify(Manifest, signature.AsSpan(0, 40), _feedKey));
    }

    [Fact]
    public void A_manifest_signed_with_another_key_does_not_verify()
    {
        var signature = ManifestSignature.Sign(Manifest, _otherKey);

        Assert.Equal(SignatureCheck.Invalid, ManifestSignature.Verify(Manifest, signature, _feedKey));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public void An_empty_signature_file_is_a_missing_signature(string content)
    {
        Assert.Equal(SignatureCheck.Missing, ManifestSignature.Verify(Manifest, Encoding.ASCII.GetBytes(content), _feedKey));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("MEUCIQ==")]
    public void A_signature_that_is_not_a_DER_signature_does_not_verify(string content)
    {
        Assert.Equal(SignatureCheck.Invalid, ManifestSignature.Verify(Manifest, Encoding.ASCII.GetBytes(content), _feedKey));
    }

    [Fact]
    public void A_raw_r_s_signature_is_refused_as_only_DER_is_the_format()
    {
        var ieeeP1363 = _feedKey.SignData(Manifest, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        Assert.Equal(SignatureCheck.Invalid, ManifestSignature.Verify(Manifest, Encoding.ASCII.GetBytes(Convert.ToBase64String(ieeeP1363)), _feedKey));
    }

    [Fact]
    public void An_oversized_signature_file_does_not_verify()
    {
        var huge = Encoding.ASCII.GetBytes(new string('A', ManifestSignature.MaxBytes + 4));

        Assert.Equal(SignatureCheck.Invalid, ManifestSignature.Verify(Manifest, huge, _feedKey));
    }

    [Fact]
    public void The_pinned_key_reads_from_a_public_key_PEM()
    {
        using var pinned = ManifestSignature.ImportPublicKey(_feedKey.ExportSubjectPublicKeyInfoPem());

        Assert.Equal(SignatureCheck.Valid, ManifestSignature.Verify(Manifest, ManifestSignature.Sign(Manifest, _feedKey), pinned));
    }

    public static TheoryData<string, Func<string>> UnusableKeys() => new()
    {
        { "a private key", () => { using var k = ECDsa.Create(ECCurve.NamedCurves.nistP256); return k.ExportPkcs8PrivateKeyPem(); } },
        { "a P-384 key", () => { using var k = ECDsa.Create(ECCurve.NamedCurves.nistP384); return k.ExportSubjectPublicKeyInfoPem(); } },
        { "an RSA key", () => { using var k = RSA.Create(2048); return k.ExportSubjectPublicKeyInfoPem(); } },
        { "no PEM", () => "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE" },
        { "a broken PEM", () => "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----" },
    };

    [Theory]
    [MemberData(nameof(UnusableKeys))]
    public void A_pinned_key_that_is_not_a_P256_public_key_is_refused(string reason, Func<string> pem)
    {
        Assert.NotNull(reason);
        Assert.Throws<FormatException>(() => ManifestSignature.ImportPublicKey(pem()));
    }
}
