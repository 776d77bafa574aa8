using System.Globalization;
using System.Net;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>
/// Guessing passwords and one-time passwords: the product's default limit (10 a minute per client) cuts it off
/// with G303e and Retry-After, before any handler runs. Each test has its own helper, so its own budget.
/// </summary>
public class BruteForceTests
{
    private const int DefaultLimit = 10;

    private static readonly Dictionary<string, string?> ProductLimits = new()
    {
        ["Security:RateLimits:Password:PermitLimit"] = null,
        ["Security:RateLimits:Otp:PermitLimit"] = null,
    };

    [Theory]
    [InlineData(Requests.IssuePath)]
    [InlineData("/api/v1/certificates/0123456789ABCDEF0123456789ABCDEF01234567/renewal")]
    public async Task Password_guessing_is_cut_off_at_the_limit(string path)
    {
        await using var app = HelperFactory.With(ProductLimits);
        var client = app.CreateClient();
        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt <= DefaultLimit; attempt++)
        {
            var body = path == Requests.IssuePath
                ? $$"""{"loginId":"nobody{{attempt:00}}","password":"Guess-Pass-{{attempt:0000}}"}"""
                : $$"""{"password":"Guess-Pass-{{attempt:0000}}"}""";
            answers.Add(await client.SendAsync(Requests.Post(path, body)));
        }

        Assert.All(answers.Take(DefaultLimit), a => Assert.NotEqual(HttpStatusCode.TooManyRequests, a.StatusCode));
        await Requests.AssertRateLimitedAsync(answers[^1]);
    }

    [Theory]
    [InlineData("/api/v1/renewals/unknown-renewal/otp", """{"otp":"{0}"}""")]
    [InlineData("/api/v1/renewals/00000000-0000-0000-0000-000000000000/otp", """{"current":"{0}","next":"{0}"}""")]
    [InlineData("/api/v1/renewals/unknown-renewal/time-sync", """{"current":"{0}","next":"{0}"}""")]
    public async Task Otp_guessing_is_cut_off_at_the_limit_even_for_an_unknown_renewal(string path, string template)
    {
        await using var app = HelperFactory.With(ProductLimits);
        var client = app.CreateClient();
        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt <= DefaultLimit; attempt++)
        {
            var body = template.Replace("{0}", (123456 + attempt).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            answers.Add(await client.SendAsync(Requests.Post(path, body)));
        }

        Assert.All(answers.Take(DefaultLimit), a => Assert.NotEqual(HttpStatusCode.TooManyRequests, a.StatusCode));
        await Requests.AssertRateLimitedAsync(answers[^1]);
    }

    [Theory]
    [InlineData("/API/V1/CERTIFICATES/ISSUE")]
    [InlineData("/api/v1/certificates/issue/")]
    [InlineData("/api/v1/Certificates/issue")]
    [InlineData("/api/v1/certificates/%69ssue")]
    public async Task Spelling_the_path_differently_does_not_escape_the_limit(string variant)
    {
        await using var app = HelperFactory.With(new Dictionary<string, string?> { ["Security:RateLimits:Password:PermitLimit"] = "1" });
        var client = app.CreateClient();

        await client.SendAsync(Requests.Post(Requests.IssuePath, Requests.UnknownUserBody));
        using var response = await client.SendAsync(Requests.Post(variant, Requests.UnknownUserBody));

        await Requests.AssertRateLimitedAsync(response);
    }

    [Fact]
    public async Task A_foreign_page_cannot_use_up_the_users_attempts()
    {
        await using var app = HelperFactory.With(new Dictionary<string, string?> { ["Security:RateLimits:Password:PermitLimit"] = "1" });
        var client = app.CreateClient();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await client.SendAsync(Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, "https://evil.example"));
        }

        using var response = await client.SendAsync(Requests.Post(Requests.IssuePath, Requests.UnknownUserBody));

        Assert.Equal("G101e", await Requests.CodeOf(response));
    }

    [Fact]
    public async Task Used_up_password_attempts_leave_the_otp_attempts_alone()
    {
        await using var app = HelperFactory.With(new Dictionary<string, string?> { ["Security:RateLimits:Password:PermitLimit"] = "1" });
        var client = app.CreateClient();
        await client.SendAsync(Requests.Post(Requests.IssuePath, Requests.UnknownUserBody));
        await client.SendAsync(Requests.Post(Requests.IssuePath, Requests.UnknownUserBody));

        using var response = await client.SendAsync(Requests.Post("/api/v1/renewals/unknown-renewal/otp", """{"otp":"123456"}"""));

        Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task Reading_the_state_is_not_limited()
    {
        await using var app = HelperFactory.With(ProductLimits);
        var client = app.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < DefaultLimit * 3; attempt++)
        {
            answers.Add((await client.GetAsync("/api/v1/status")).StatusCode);
        }

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task The_centers_lockout_is_reported_with_its_code()
    {
        await using var app = HelperFactory.With(ProductLimits);
        var client = app.CreateClient();
        var codes = new List<string?>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            codes.Add(await Requests.CodeOf(await client.SendAsync(Requests.Post(Requests.IssuePath, """{"loginId":"demo01","password":"Wrong-Pass-0001"}"""))));
        }

        using var locked = await client.SendAsync(Requests.Post(Requests.IssuePath, $$"""{"loginId":"demo01","password":"{{HelperFactory.DemoPassword}}"}"""));

        Assert.Equal(["G101e", "G101e", "G101e", "G101e", "G102e"], codes);
        Assert.Equal(HttpStatusCode.Locked, locked.StatusCode);
        Assert.Equal("G102e", await Requests.CodeOf(locked));
        Assert.NotNull(Requests.Header(locked, "Retry-After"));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("127.255.255.254")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Every_loopback_address_is_one_client(string address)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);

        Assert.Equal("loopback", CertPlatform.LocalHost.Security.CredentialAttempts.ClientOf(context));
    }
}
