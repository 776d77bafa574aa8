using System.Net;
using CertPlatform.LocalHost.Security;

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

    [Theory]
    [InlineData("/api/v1/support/bundle")]
    [InlineData("/api/v1/diagnostics")]
    public async Task A_program_without_the_api_token_cannot_read_support_data(string path)
    {
        using var response = await app.CreateClient().SendAsync(Requests.Get(path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("G307e", await Requests.CodeOf(response));
        Assert.Equal("Bearer", Requests.Header(response, "WWW-Authenticate"));
    }

    [Theory]
    [InlineData("/api/v1/support/bundle")]
    [InlineData("/api/v1/diagnostics")]
    public async Task A_program_with_the_api_token_reads_support_data(string path)
    {
        _ = app.Server;
        var token = File.ReadAllText(Path.Combine(app.DataDirectory, ApiToken.FileName)).Trim();
        using var request = Requests.Get(path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/support/bundle", "same-origin")]
    [InlineData("/api/v1/diagnostics", "none")]
    public async Task The_browser_on_the_helpers_own_page_or_address_bar_reads_support_data(string path, string site)
    {
        using var request = Requests.Get(path);
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", site);
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Mode", "cors");

        using var response = await app.CreateClient().SendAsync(request);

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
