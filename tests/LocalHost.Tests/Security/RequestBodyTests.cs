using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>Oversized, malformed and mistyped bodies: each gets its catalog code and never an echo of itself.</summary>
public class RequestBodyTests(HelperFactory app) : IClassFixture<HelperFactory>
{
    private const int Limit = 64 * 1024;

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_is_read()
    {
        var body = $$"""{"loginId":"demo01","password":"{{new string('x', Limit)}}"}""";

        using var response = await app.CreateClient().SendAsync(Requests.Post(Requests.IssuePath, body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("G304e", await Requests.CodeOf(response));
    }

    [Fact]
    public async Task An_oversized_chunked_body_is_cut_off()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"loginId":"demo01","password":"{{new string('x', Limit)}}"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, Requests.IssuePath) { Content = new StreamContent(new UnknownLengthStream(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Origin", HelperFactory.OwnOrigin);

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("G304e", await Requests.CodeOf(response));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"loginId\":\"demo01\",\"password\":\"Sandbox-Pass-01\"")]
    [InlineData("{'loginId':'demo01'}")]
    [InlineData("{\"loginId\":\"demo01\",}")]
    [InlineData("loginId=demo01&password=x")]
    [InlineData("<issue><loginId>demo01</loginId></issue>")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"loginId\":\"demo01\"}{\"loginId\":\"demo02\"}")]
    [InlineData("{\"loginId\":\"\\uD800\"}")]
    public async Task Malformed_json_is_an_input_error(string body)
    {
        using var response = await app.CreateClient().SendAsync(Requests.Post(Requests.IssuePath, body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("G006e", await Requests.CodeOf(response));
    }

    [Fact]
    public async Task Deeply_nested_json_is_an_input_error()
    {
        var body = "{\"loginId\":" + new string('[', 500) + new string(']', 500) + "}";

        using var response = await app.CreateClient().SendAsync(Requests.Post(Requests.IssuePath, body));

        Assert.Equal("G006e", await Requests.CodeOf(response));
    }

    [Theory]
    [InlineData("{\"loginId\":12345678,\"password\":\"Sandbox-Pass-01\"}")]
    [InlineData("{\"loginId\":true,\"password\":\"Sandbox-Pass-01\"}")]
    [InlineData("{\"loginId\":[\"demo01\"],\"password\":\"Sandbox-Pass-01\"}")]
    [InlineData("{\"loginId\":{\"$ne\":null},\"password\":\"Sandbox-Pass-01\"}")]
    [InlineData("{\"loginId\":\"demo01\",\"password\":123456789}")]
    [InlineData("{\"loginId\":\"demo01\",\"password\":\"Sandbox-Pass-01\",\"keyAlgorithm\":2048}")]
    [InlineData("[{\"loginId\":\"demo01\",\"password\":\"Sandbox-Pass-01\"}]")]
    [InlineData("42")]
    public async Task Wrong_types_are_an_input_error(string body)
    {
        using var response = await app.CreateClient().SendAsync(Requests.Post(Requests.IssuePath, body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("G006e", await Requests.CodeOf(response));
    }

    [Theory]
    [InlineData("loginId", 33)]
    [InlineData("loginId", 10_000)]
    [InlineData("password", 65)]
    [InlineData("password", 10_000)]
    [InlineData("keyAlgorithm", 10_000)]
    public async Task Over_long_fields_are_an_input_error_that_names_the_field(string field, int length)
    {
        var values = new Dictionary<string, string> { ["loginId"] = "demo01", ["password"] = "Long-Pass-0001", ["keyAlgorithm"] = "RSA-2048" };
        values[field] = new string('A', length);
        var body = System.Text.Json.JsonSerializer.Serialize(values);

        using var response = await app.CreateClient().SendAsync(Requests.Post(Requests.IssuePath, body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("G006e", await Requests.CodeOf(response));
        Assert.Contains($"\"{field}\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('A', 33), text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"loginId\":\"demo01\",\"password\":\"Secret-In-Body-77\"")]
    [InlineData("{\"loginId\":\"demo01\",\"password\":\"Secret-In-Body-77\",\"keyAlgorithm\":7}")]
    [InlineData("{\"loginId\":\"x\",\"password\":\"Secret-In-Body-77\"}")]
    public async Task An_input_error_never_quotes_the_input(string body)
    {
        using var response = await app.CreateClient().SendAsync(Requests.Post(Requests.IssuePath, body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("G006e", await Requests.CodeOf(response));
        Assert.DoesNotContain("Secret-In-Body-77", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    /// <summary>A body whose length is not known up front, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
