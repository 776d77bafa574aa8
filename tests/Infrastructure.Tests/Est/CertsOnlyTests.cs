using System.Security.Cryptography;
using CertPlatform.Infrastructure.Est;
using CertPlatform.Infrastructure.Tests.Fixtures;
using CertPlatform.Infrastructure.Trust;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Tests.Est;

public sealed class CertsOnlyTests
{
    [Fact]
    public void Certs_only_message_carries_its_certificates_both_ways()
    {
        using var root = TestPki.Certificate("test-root");
        using var issuing = TestPki.Certificate("test-issuing");

        var read = CertsOnly.Read(CertsOnly.Write([issuing, root]));

        Assert.Equal(
            new[] { issuing.Thumbprint, root.Thumbprint }.Order(StringComparer.Ordinal),
            read.Select(c => c.Thumbprint).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Certs_only_message_from_openssl_is_read()
    {
        var read = CertsOnly.Read(File.ReadAllText(Path.Combine(TestPki.Root, "__files", "est", "cacerts.b64")));

        Assert.Equal(2, read.Length);
    }

    [Theory]
    [InlineData("MIIB")]
    [InlineData("AAAA")]
    public void Bytes_that_are_not_cms_are_refused(string base64)
    {
        Assert.Throws<CryptographicException>(() => CertsOnly.Read(base64));
    }

    [Fact]
    public void Trust_anchor_bundle_gives_roots_and_issuing_cas()
    {
        var anchors = new RemoteTrustAnchors(Options.Create(new EstOptions { TrustAnchorPath = TestPki.Anchors }));

        Assert.Equal("CN=CertPlatform Test Root, O=(2235)CERTPLATFORM TEST BANK", Assert.Single(anchors.Roots).Subject);
        Assert.Equal("CN=CertPlatform Test Issuing CA, O=(2235)CERTPLATFORM TEST BANK", Assert.Single(anchors.IssuingCertificates).Subject);
    }

    [Fact]
    public void Root_that_signs_customers_itself_is_also_the_issuing_ca()
    {
        var anchors = new RemoteTrustAnchors(Options.Create(new EstOptions { TrustAnchorPath = Path.Combine(TestPki.Certs, "test-root.crt") }));

        Assert.Equal(anchors.Roots, anchors.IssuingCertificates);
    }
}
