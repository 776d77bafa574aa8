using System.Buffers.Text;
using System.Net;
using CertPlatform.LocalHost.Security;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>Programs (support tools, scripts) send no Origin: they prove they run as the user with the API token.</summary>
public class ApiTokenTests(HelperFactory app) : IClassFixture<HelperFactory>
{
    [Fact]
    public void The_token_is_32_random_bytes_in_a_file_in_the_data_folder()
    {
        var token = ReadToken(app);

        Assert.Equal(32, Base64Url.DecodeFromChars(token).Length);
    }

    [Fact]
    public void Only_the_user_may_read_the_token_file()
    {
        _ = app.Server;
        if (OperatingSystem.IsWindows())
        {
            return; // The file inherits the user profile's ACL there (see docs/sections/security.md).
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(TokenFile(app)));
    }

    [Fact]
    public async Task A_program_with_the_token_may_issue_without_an_origin()
    {
        using var request = Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, origin: null);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + ReadToken(app));

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal("G101e", await Requests.CodeOf(response));
    }

    [Theory]
    [InlineData("Bearer not-the-token")]
    [InlineData("Bearer ")]
    [InlineData("Bearer")]
    [InlineData("Basic ZGVtbzAxOlNhbmRib3gtUGFzcy0wMQ==")]
    [InlineData("{token}")]
    [InlineData("Bearer {token}x")]
    [InlineData("Bearer x{token}")]
    public async Task A_wrong_token_is_refused(string authorization)
    {
        using var request = Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, origin: null);
        request.Headers.TryAddWithoutValidation("Authorization", authorization.Replace("{token}", ReadToken(app), StringComparison.Ordinal));

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("G307e", await Requests.CodeOf(response));
        Assert.Equal("Bearer", Requests.Header(response, "WWW-Authenticate"));
    }

    [Fact]
    public async Task A_page_cannot_use_the_token()
    {
        using var request = Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, origin: null);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + ReadToken(app));
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Mode", "cors");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal("G301e", await Requests.CodeOf(response));
    }

    [Fact]
    public async Task The_token_does_not_admit_a_foreign_origin()
    {
        using var request = Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, origin: "https://evil.example");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + ReadToken(app));

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal("G301e", await Requests.CodeOf(response));
    }

    [Fact]
    public async Task The_token_still_needs_a_json_body()
    {
        using var request = Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, origin: null, contentType: "text/plain");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + ReadToken(app));

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal("G302e", await Requests.CodeOf(response));
    }

    [Fact]
    public async Task The_token_stays_the_same_across_restarts()
    {
        var data = Path.Combine(Path.GetTempPath(), "certplatform-token-" + Guid.NewGuid().ToString("N"));
        try
        {
            string first;
            await using (var one = HelperFactory.With(new Dictionary<string, string?> { ["Helper:DataDirectory"] = data }))
            {
                first = ReadToken(one);
            }

            await using var two = HelperFactory.With(new Dictionary<string, string?> { ["Helper:DataDirectory"] = data });

            Assert.Equal(first, ReadToken(two));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_token_file_other_users_could_read_is_replaced()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only.
        }

        var data = Path.Combine(Path.GetTempPath(), "certplatform-token-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var exposed = Base64Url.EncodeToString(new byte[32]);
        var file = Path.Combine(data, ApiToken.FileName);
        File.WriteAllText(file, exposed);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            await using var helper = HelperFactory.With(new Dictionary<string, string?> { ["Helper:DataDirectory"] = data });
            using var request = Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, origin: null);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + exposed);

            using var response = await helper.CreateClient().SendAsync(request);

            Assert.Equal("G307e", await Requests.CodeOf(response));
            Assert.NotEqual(exposed, ReadToken(helper));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static string TokenFile(HelperFactory helper) => Path.Combine(helper.DataDirectory, ApiToken.FileName);

    /// <summary>What a support tool does: start the helper, read the file.</summary>
    private static string ReadToken(HelperFactory helper)
    {
        _ = helper.Server;
        return File.ReadAllText(TokenFile(helper)).Trim();
    }
}
