using System.Net;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>
/// The support bundle and the diagnostics are for the user and support staff: the bank's page may drive issuance
/// and renewal, but may not read the user's log, certificate list or network settings.
/// </summary>
public class SupportDataTests(HelperFactory app) : IClassFixture<HelperFactory>
{
    [Theory]
    [InlineData("/api/v1/support/bundle")]
    [InlineData("/api/v1/diagnostics")]
    public async Task The_banks_page_cannot_read_support_data(string path)
    {
        using var response = await app.CreateClient().SendAsync(Requests.Get(path, HelperFactory.BankOrigin));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("G301e", await Requests.CodeOf(response));
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/api/v1/support/bundle")]
    [InlineData("/api/v1/diagnostics")]
    public async Task The_banks_preflight_for_support_data_is_refused(string path)
    {
        using var response = await app.CreateClient().SendAsync(Requests.Preflight(path, HelperFactory.BankOrigin, "GET"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(Requests.Header(response, "Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/api/v1/support/bundle")]
    [InlineData("/api/v1/diagnostics")]
    public async Task The_helpers_own_page_reads_support_data(string path)
    {
        using var response = await app.CreateClient().SendAsync(Requests.Get(path, HelperFactory.OwnOrigin));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_bank_still_reads_the_certificate_list()
    {
        using var response = await app.CreateClient().SendAsync(Requests.Get("/api/v1/certificates", HelperFactory.BankOrigin));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HelperFactory.BankOrigin, Requests.Header(response, "Access-Control-Allow-Origin"));
    }
}
