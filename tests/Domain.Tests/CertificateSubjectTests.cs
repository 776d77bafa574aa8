using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;

namespace CertPlatform.Domain.Tests;

public class CertificateSubjectTests
{
    [Fact]
    public void Subject_follows_the_manuals_result_screen()
    {
        var at = new DateTimeOffset(2020, 3, 4, 15, 36, 56, TimeSpan.FromHours(9)).AddTicks(5604350);

        var subject = CertificateSubject.For("9936", "NTT DATA CORPORATION", "ANSER-WEB(BizSOL) TEST CA - G4", LoginId.Parse("logid031"), "A001", at);

        Assert.Equal("(9936)NTT DATA CORPORATION", subject.Organization);
        Assert.Equal("(9936)ANSER-WEB(BizSOL) TEST CA - G4", subject.OrganizationalUnit);
        Assert.Equal("logid031 A001 20200304153656560435", subject.CommonName);
    }

    [Fact]
    public void Distinguished_name_prints_most_specific_first_and_escapes_commas()
    {
        var subject = new CertificateSubject("(2235)BANK, LTD", "(2235)CA - G1", "demo01 A001 20261126000000000000");

        Assert.Equal("CN=demo01 A001 20261126000000000000, OU=(2235)CA - G1, O=(2235)BANK\\, LTD", subject.ToDistinguishedName());
    }

    [Theory]
    [InlineData("demo01 A001 20261126000000000000", "demo01")]
    [InlineData("nospace", null)]
    public void Login_id_is_read_back_from_the_common_name(string commonName, string? expected)
    {
        Assert.Equal(expected, new CertificateSubject("O", "OU", commonName).LoginIdPart());
    }
}
