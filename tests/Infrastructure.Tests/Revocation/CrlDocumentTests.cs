using System.Text;
using CertPlatform.Infrastructure.Revocation;

namespace CertPlatform.Infrastructure.Tests.Revocation;

/// <summary>The CRL reader: what .NET's builder writes, it reads; and nothing is believed before its signature checks.</summary>
public sealed class CrlDocumentTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly RevocationPki _ca = new("Test Bank CA", Now);
    private readonly RevocationPki _other = new("Another CA", Now);

    [Fact]
    public void A_crl_lists_its_revoked_certificates_and_no_others()
    {
        using var revoked = _ca.Issue();
        using var valid = _ca.Issue();

        var crl = CrlDocument.Parse(_ca.Crl([revoked]));

        Assert.True(crl.Lists(revoked));
        Assert.False(crl.Lists(valid));
        Assert.Equal(Now, crl.ThisUpdate);
        Assert.Equal(Now.AddDays(1), crl.NextUpdate);
    }

    [Fact]
    public void A_crl_is_signed_by_its_ca_and_not_by_another()
    {
        var crl = CrlDocument.Parse(_ca.Crl([]));

        Assert.True(crl.IsSignedBy(_ca.Root));
        Assert.False(crl.IsSignedBy(_other.Root));
    }

    [Fact]
    public void A_tampered_crl_fails_its_signature()
    {
        using var revoked = _ca.Issue();
        var bytes = _ca.Crl([revoked]);
        var serial = Convert.FromHexString(revoked.SerialNumber);
        var at = bytes.AsSpan().IndexOf(serial);
        bytes[at + serial.Length - 1] ^= 0x01;

        var crl = CrlDocument.Parse(bytes);

        Assert.False(crl.Lists(revoked));
        Assert.False(crl.IsSignedBy(_ca.Root));
    }

    [Fact]
    public void A_pem_crl_is_read_as_well()
    {
        using var revoked = _ca.Issue();
        var pem = new string(System.Security.Cryptography.PemEncoding.Write("X509 CRL", _ca.Crl([revoked])));

        Assert.True(CrlDocument.Parse(Encoding.ASCII.GetBytes(pem)).Lists(revoked));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>captive portal</html>")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    public void Anything_else_is_not_a_crl(string body)
    {
        Assert.Throws<InvalidDataException>(() => CrlDocument.Parse(Encoding.ASCII.GetBytes(body)));
    }

    [Fact]
    public void The_distribution_points_of_a_certificate_are_its_http_addresses_in_order()
    {
        using var certificate = _ca.Issue("https://ca.bank.example/crl/ca.crl", "ldap://ca.bank.example/cn=CA", "http://127.0.0.1:52235/sandbox/crl/sandbox-ca.crl");

        Assert.Equal(
            ["https://ca.bank.example/crl/ca.crl", "http://127.0.0.1:52235/sandbox/crl/sandbox-ca.crl"],
            CrlDistributionPoints.Of(certificate).Select(u => u.AbsoluteUri));
    }

    public void Dispose()
    {
        _ca.Dispose();
        _other.Dispose();
    }
}
