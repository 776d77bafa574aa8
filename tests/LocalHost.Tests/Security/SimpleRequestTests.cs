using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>
/// CORS-simple requests (text/plain, form, multipart) reach a server without a preflight; the API takes only
/// JSON, so none of them can change anything, even from an allowlisted page.
/// </summary>
public class SimpleRequestTests(HelperFactory app) : IClassFixture<HelperFactory>
{
    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=----x")]
    [InlineData("text/json")]
    [InlineData("application/jsonx")]
    [InlineData("application/octet-stream")]
    public async Task A_cors_simple_post_is_refused(string contentType)
    {
        using var response = await app.CreateClient().SendAsync(Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, HelperFactory.OwnOrigin, contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("G302e", await Requests.CodeOf(response));
    }

    [Fact]
    public async Task A_post_without_a_content_type_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Requests.IssuePath) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Requests.UnknownUserBody)) };
        request.Headers.TryAddWithoutValidation("Origin", HelperFactory.OwnOrigin);

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal("G302e", await Requests.CodeOf(response));
    }

    [Fact]
    public async Task A_cross_site_form_post_is_refused_for_its_origin_first()
    {
        using var form = new FormUrlEncodedContent([new("loginId", "demo01"), new("password", HelperFactory.DemoPassword)]);
        using var request = new HttpRequestMessage(HttpMethod.Post, Requests.IssuePath) { Content = form };
        request.Headers.TryAddWithoutValidation("Origin", "https://evil.example");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Mode", "navigate");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("G301e", await Requests.CodeOf(response));
    }

    [Fact]
    public async Task A_json_post_from_an_allowlisted_page_is_taken()
    {
        using var request = Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, HelperFactory.OwnOrigin);
        request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal("G101e", await Requests.CodeOf(response));
    }
}
