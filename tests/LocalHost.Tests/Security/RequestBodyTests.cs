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

    [Fact]
    public async Task A_body_that_does_not_arrive_in_time_is_408_G308e_as_problem_json()
    {
        // A real Kestrel: its own data-rate timeout answered a bare 408 with an empty body, before any middleware.
        var home = Directory.CreateTempSubdirectory("certplatform-body-").FullName;
        try
        {
            await using var helper = await CertPlatform.TestSupport.HelperProcess.StartAsync(
                home, new Dictionary<string, string> { ["Security:RequestBodySeconds"] = "1" });
            var token = (await File.ReadAllTextAsync(Path.Combine(home, "helper-data", "api-token"))).Trim();
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, helper.Port);
            var stream = tcp.GetStream();
            var head = $"POST {Requests.IssuePath} HTTP/1.1\r\nHost: 127.0.0.1:{helper.Port}\r\nAuthorization: Bearer {token}\r\n" +
                "Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"loginId\":";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

            using var reader = new StreamReader(stream, Encoding.UTF8);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var answer = new StringBuilder();
            var buffer = new char[4096];
            while (!answer.ToString().Contains("}", StringComparison.Ordinal))
            {
                var read = await reader.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                answer.Append(buffer, 0, read);
            }

            var text = answer.ToString();
            Assert.StartsWith("HTTP/1.1 408", text, StringComparison.Ordinal);
            Assert.Contains("application/problem+json", text, StringComparison.Ordinal);
            Assert.Contains("\"code\":\"G308e\"", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
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
