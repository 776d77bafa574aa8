using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Infrastructure.Crypto;

namespace CertPlatform.Infrastructure.Tests.Crypto;

public sealed class SignedCertificationRequestTests
{
    private static readonly X500DistinguishedName Subject = new("CN=demo01 A001 20261126000000000000");

    public static TheoryData<string, int> Keys => new()
    {
        { "rsa2048-sha256", 2048 },
        { "rsa2048-sha384", 2048 },
        { "rsa3072-sha512", 3072 },
        { "p256-sha256", 256 },
        { "p256-sha384", 256 },
        { "p384-sha384", 384 }, // not on the fast path: verified by .NET's own loader
        { "rsa2048-pss", 2048 }, // idem
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_validly_signed_request_gives_its_key_size(string kind, int bits)
    {
        using var key = NewKey(kind);

        var read = SignedCertificationRequest.Read(Csr(kind, key));

        Assert.NotNull(read);
        Assert.Equal(bits, read.VerifiedKeySize());
        Assert.Equal(Subject.Name, read.Request.SubjectName.Name);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_request_whose_signed_part_changed_does_not_verify(string kind, int bits)
    {
        _ = bits;
        using var key = NewKey(kind);
        var csr = Csr(kind, key);
        // The last byte of the subject's common name, inside the signed part.
        var at = csr.AsSpan().IndexOf("20261126"u8);
        csr[at] ^= 0x01;

        var read = SignedCertificationRequest.Read(csr);

        Assert.NotNull(read);
        Assert.Null(read.VerifiedKeySize());
    }

    [Fact]
    public void A_request_signed_by_another_key_does_not_verify()
    {
        using var key = RSA.Create(2048);
        using var other = RSA.Create(2048);
        var genuine = Csr("rsa2048-sha256", key);
        var signedByOther = new CertificateRequest(Subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSigningRequest(X509SignatureGenerator.CreateForRSA(other, RSASignaturePadding.Pkcs1));

        Assert.Equal(2048, SignedCertificationRequest.Read(genuine)!.VerifiedKeySize());
        Assert.Null(SignedCertificationRequest.Read(signedByOther)!.VerifiedKeySize());
    }

    [Fact]
    public void Our_verdict_agrees_with_dotnets_on_many_damaged_requests()
    {
        using var rsa = RSA.Create(2048);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var random = new Random(2235);
        foreach (var original in new[] { Csr("rsa2048-sha256", rsa), Csr("p256-sha256", ecdsa) })
        {
            for (var i = 0; i < 300; i++)
            {
                var damaged = (byte[])original.Clone();
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));

                var ours = SignedCertificationRequest.Read(damaged)?.VerifiedKeySize() is not null;

                Assert.Equal(DotnetAccepts(damaged), ours);
            }
        }
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 })]
    public void Bytes_that_are_no_request_are_refused(byte[] bytes) =>
        Assert.Null(SignedCertificationRequest.Read(bytes));

    [Fact]
    public void On_linux_with_openssl_3_keys_are_built_from_their_numbers()
    {
        if (!OperatingSystem.IsLinux() || SafeEvpPKeyHandle.OpenSslVersion < 0x3000_0000L)
        {
            return; // the fast path exists only there; elsewhere .NET's import is the only path
        }

        Assert.True(OpenSslKeyImport.IsAvailable);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdsa.ExportParameters(false).Q;
        byte[] point = [0x04, .. q.X!, .. q.Y!];
        byte[] offCurve = [.. point];
        offCurve[^1] ^= 0x01;

        using var imported = OpenSslKeyImport.TryCreateP256(point);
        Assert.NotNull(imported);
        Assert.Equal(q.Y, imported.ExportParameters(false).Q.Y);
        Assert.Null(OpenSslKeyImport.TryCreateP256(offCurve));
        Assert.Null(OpenSslKeyImport.TryCreateP256(point.AsSpan(0, 33)));
    }

    private static bool DotnetAccepts(byte[] csr)
    {
        try
        {
            CertificateRequest.LoadSigningRequest(csr, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default, RSASignaturePadding.Pkcs1);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or NotSupportedException)
        {
            return false;
        }
    }

    private static AsymmetricAlgorithm NewKey(string kind) => kind switch
    {
        _ when kind.StartsWith("rsa2048", StringComparison.Ordinal) => RSA.Create(2048),
        _ when kind.StartsWith("rsa3072", StringComparison.Ordinal) => RSA.Create(3072),
        _ when kind.StartsWith("p384", StringComparison.Ordinal) => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        _ => ECDsa.Create(ECCurve.NamedCurves.nistP256),
    };

    private static byte[] Csr(string kind, AsymmetricAlgorithm key)
    {
        var hash = kind.EndsWith("512", StringComparison.Ordinal) ? HashAlgorithmName.SHA512
            : kind.EndsWith("384", StringComparison.Ordinal) ? HashAlgorithmName.SHA384
            : HashAlgorithmName.SHA256;
        var request = key is RSA rsa
            ? new CertificateRequest(Subject, rsa, hash, kind.EndsWith("pss", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1)
            : new CertificateRequest(Subject, (ECDsa)key, hash);
        return request.CreateSigningRequest();
    }
}
