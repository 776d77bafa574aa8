using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Updates;
using CertPlatform.Infrastructure.Updates;

namespace CertPlatform.Infrastructure.Tests.Updates;

/// <summary>
/// Which signer counts as the bank's publisher (Updates:MsiPublisher). WinVerifyTrust itself runs on Windows only
/// (tests/Platform.Tests); the comparison it is followed by is the same code everywhere.
/// </summary>
public sealed class AuthenticodeTests
{
    private static X509Certificate2 Signer(string subject)
    {
        using var key = RSA.Create(2048);
        return new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [Fact]
    public void The_publisher_matches_by_CN_whole_subject_or_thumbprint_and_nothing_else()
    {
        using var signer = Signer("CN=Sample Shinkumi Bank, O=Sample Shinkumi Bank, C=JP");

        Assert.True(Authenticode.IsPublisher(signer, "Sample Shinkumi Bank"));
        Assert.True(Authenticode.IsPublisher(signer, " sample shinkumi bank "));
        Assert.True(Authenticode.IsPublisher(signer, "CN=Sample Shinkumi Bank, O=Sample Shinkumi Bank, C=JP"));
        Assert.True(Authenticode.IsPublisher(signer, signer.Thumbprint.ToLowerInvariant()));
        Assert.True(Authenticode.IsPublisher(signer, string.Join(':', signer.Thumbprint.Chunk(2).Select(c => new string(c)))));

        Assert.False(Authenticode.IsPublisher(signer, "Sample Shinkumi"));
        Assert.False(Authenticode.IsPublisher(signer, "Sample Shinkumi Bank Evil"));
        Assert.False(Authenticode.IsPublisher(signer, "CN=Sample Shinkumi Bank"));
        Assert.False(Authenticode.IsPublisher(signer, "  "));
        using var other = Signer("CN=Sample Shinkumi Bank Evil");
        Assert.False(Authenticode.IsPublisher(other, "Sample Shinkumi Bank"));
        Assert.False(Authenticode.IsPublisher(other, signer.Thumbprint));
    }

    [Fact]
    public void The_signature_check_is_on_exactly_when_a_publisher_is_set_unless_told_otherwise()
    {
        Assert.False(new UpdateOptions().ChecksMsiSignature);
        Assert.True(new UpdateOptions { MsiPublisher = "Sample Shinkumi Bank" }.ChecksMsiSignature);
        Assert.False(new UpdateOptions { MsiPublisher = "Sample Shinkumi Bank", VerifyMsiSignature = false }.ChecksMsiSignature);
    }

    [Fact]
    public void Asking_for_the_signature_check_without_a_publisher_fails_the_start()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = new UpdateOptions
        {
            FeedUrl = "https://updates.example.jp/manifest.json",
            PublicKeyPem = key.ExportSubjectPublicKeyInfoPem(),
            VerifyMsiSignature = true,
        };

        Assert.Contains("Updates:MsiPublisher", options.Problem(), StringComparison.Ordinal);
        options.MsiPublisher = "Sample Shinkumi Bank";
        Assert.Null(options.Problem());
    }
}
