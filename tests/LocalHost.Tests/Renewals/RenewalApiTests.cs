using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CertPlatform.LocalHost.Tests.Renewals;

/// <summary>The manual's renewal through the helper's API, against the embedded sandbox center and CA.</summary>
public sealed class RenewalApiTests : IDisposable
{
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    private readonly HelperFactory _factory = new(HelperFactory.RenewalDemo);
    private readonly RenewalApi _api;

    public RenewalApiTests() => _api = new RenewalApi(_factory);

    public void Dispose()
    {
        _api.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task A_double_click_on_the_otp_button_with_one_request_id_sends_the_code_once_and_renews_once()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        var renewalId = await _api.StartAsync(thumbprint);
        var code = _api.TokenCode("demo01");
        var requestId = Guid.NewGuid().ToString();

        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/renewals/{renewalId}/otp") { Content = JsonContent.Create(new { otp = code }) };
            request.Headers.Add("X-Request-Id", requestId);
            using var response = await _api.Client.SendAsync(request);
            return await RenewalApi.StepOf(response);
        }));

        Assert.All(both, step => Assert.Equal("completed", step.GetProperty("next").GetString()));
        Assert.Equal(
            both[0].GetProperty("result").GetProperty("thumbprint").GetString(),
            both[1].GetProperty("result").GetProperty("thumbprint").GetString());
        Assert.Equal(2, (await _api.ListAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Without_a_request_id_a_second_otp_for_a_finished_renewal_is_refused()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        var renewalId = await _api.StartAsync(thumbprint);
        var code = _api.TokenCode("demo01");
        using var first = await _api.OtpAsync(renewalId, code);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var second = await _api.OtpAsync(renewalId, code);

        Assert.NotEqual(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, (await _api.ListAsync()).GetArrayLength());
    }

    [Fact]
    public async Task demo01_renews_with_password_and_one_time_password()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        var renewalId = await _api.StartAsync(thumbprint);

        using var response = await _api.OtpAsync(renewalId, _api.TokenCode("demo01"));

        var step = await RenewalApi.StepOf(response);
        Assert.Equal("completed", step.GetProperty("next").GetString());
        Assert.Equal(renewalId, step.GetProperty("renewalId").GetString());
        var result = step.GetProperty("result");
        Assert.StartsWith("demo01 A001 ", result.GetProperty("commonName").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(thumbprint, result.GetProperty("thumbprint").GetString());
        Assert.Matches("^[0-9a-f]{32}$", result.GetProperty("serialNumber").GetString());
        Assert.Equal(HelperFactory.Start.AddDays(30), result.GetProperty("notAfter").GetDateTimeOffset());
    }

    [Fact]
    public async Task demo02_renews_with_password_one_time_password_and_the_time_sync_pair()
    {
        var thumbprint = await _api.IssueAsync("demo02");
        var renewalId = await _api.StartAsync(thumbprint);
        var first = _api.TokenCode("demo02");
        using var otp = await _api.OtpAsync(renewalId, first);
        Assert.Equal("timeSync", (await RenewalApi.StepOf(otp)).GetProperty("next").GetString());
        _factory.Time.Advance(OneMinute);

        using var response = await _api.TimeSyncAsync(renewalId, first, _api.TokenCode("demo02"));

        var step = await RenewalApi.StepOf(response);
        Assert.Equal("completed", step.GetProperty("next").GetString());
        Assert.StartsWith("demo02 A002 ", step.GetProperty("result").GetProperty("commonName").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task demo02s_next_renewal_needs_no_time_sync()
    {
        var thumbprint = await _api.IssueAsync("demo02");
        var renewalId = await _api.StartAsync(thumbprint);
        var first = _api.TokenCode("demo02");
        (await _api.OtpAsync(renewalId, first)).Dispose();
        _factory.Time.Advance(OneMinute);
        using var synced = await _api.TimeSyncAsync(renewalId, first, _api.TokenCode("demo02"));
        var renewed = (await RenewalApi.StepOf(synced)).GetProperty("result").GetProperty("thumbprint").GetString()!;
        _factory.Time.Advance(OneMinute);

        var again = await _api.StartAsync(renewed);
        using var response = await _api.OtpAsync(again, _api.TokenCode("demo02"));

        Assert.Equal("completed", (await RenewalApi.StepOf(response)).GetProperty("next").GetString());
    }

    [Fact]
    public async Task demo03_stops_with_G014e_after_the_password()
    {
        var thumbprint = await _api.IssueAsync("demo03");

        using var response = await _api.RenewAsync(thumbprint);

        Assert.Equal("G014e", await RenewalApi.CodeOf(response, HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task A_certificate_outside_its_renewal_window_gets_G201e()
    {
        using var factory = new HelperFactory(new Dictionary<string, string?> { ["Certificates:DefaultKeyAlgorithm"] = "EcdsaP256" });
        using var api = new RenewalApi(factory);
        var thumbprint = await api.IssueAsync("demo01");

        using var response = await api.RenewAsync(thumbprint);

        Assert.Equal("G201e", await RenewalApi.CodeOf(response, HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task An_expired_certificate_gets_G202e()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        _factory.Time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));

        using var response = await _api.RenewAsync(thumbprint);

        Assert.Equal("G202e", await RenewalApi.CodeOf(response, HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task A_certificate_that_is_not_in_the_store_gets_G203e()
    {
        using var response = await _api.RenewAsync(new string('A', 40));

        Assert.Equal("G203e", await RenewalApi.CodeOf(response, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task A_wrong_password_gets_G101e()
    {
        var thumbprint = await _api.IssueAsync("demo01");

        using var response = await _api.RenewAsync(thumbprint, "Wrong-Pass-99");

        Assert.Equal("G101e", await RenewalApi.CodeOf(response, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task A_wrong_one_time_password_gets_G103e()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        var renewalId = await _api.StartAsync(thumbprint);

        using var response = await _api.OtpAsync(renewalId, _api.WrongCode("demo01"));

        Assert.Equal("G103e", await RenewalApi.CodeOf(response, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task The_right_code_after_a_wrong_one_completes_the_renewal()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        var renewalId = await _api.StartAsync(thumbprint);
        (await _api.OtpAsync(renewalId, _api.WrongCode("demo01"))).Dispose();

        using var response = await _api.OtpAsync(renewalId, _api.TokenCode("demo01"));

        Assert.Equal("completed", (await RenewalApi.StepOf(response)).GetProperty("next").GetString());
    }

    [Fact]
    public async Task A_replayed_one_time_password_gets_G104e()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        var code = _api.TokenCode("demo01");
        var first = await _api.StartAsync(thumbprint);
        using var completed = await _api.OtpAsync(first, code);
        var renewed = (await RenewalApi.StepOf(completed)).GetProperty("result").GetProperty("thumbprint").GetString()!;
        var second = await _api.StartAsync(renewed);

        using var response = await _api.OtpAsync(second, code);

        Assert.Equal("G104e", await RenewalApi.CodeOf(response, HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task A_locked_user_gets_G102e_even_with_the_right_password()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        for (var i = 1; i <= 4; i++)
        {
            using var wrong = await _api.RenewAsync(thumbprint, "Wrong-Pass-99");
            Assert.Equal("G101e", await RenewalApi.CodeOf(wrong, HttpStatusCode.Unauthorized));
        }

        using var fifth = await _api.RenewAsync(thumbprint, "Wrong-Pass-99");
        using var response = await _api.RenewAsync(thumbprint);

        Assert.Equal("G102e", await RenewalApi.CodeOf(fifth, HttpStatusCode.Locked));
        Assert.Equal("G102e", await RenewalApi.CodeOf(response, HttpStatusCode.Locked));
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Five_wrong_codes_in_a_row_lock_the_user()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        var renewalId = await _api.StartAsync(thumbprint);
        var wrong = _api.WrongCode("demo01");
        for (var i = 1; i <= 4; i++)
        {
            (await _api.OtpAsync(renewalId, wrong)).Dispose();
        }

        using var response = await _api.OtpAsync(renewalId, wrong);

        Assert.Equal("G102e", await RenewalApi.CodeOf(response, HttpStatusCode.Locked));
    }

    [Fact]
    public async Task The_old_certificate_is_still_listed_after_renewal()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        var renewalId = await _api.StartAsync(thumbprint);
        using var response = await _api.OtpAsync(renewalId, _api.TokenCode("demo01"));
        var renewed = (await RenewalApi.StepOf(response)).GetProperty("result").GetProperty("thumbprint").GetString();

        var listed = (await _api.ListAsync()).EnumerateArray().Select(c => c.GetProperty("thumbprint").GetString()).ToList();

        Assert.Contains(thumbprint, listed);
        Assert.Contains(renewed, listed);
    }

    [Fact]
    public async Task A_second_renewal_of_the_same_certificate_gets_G107e()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        await _api.StartAsync(thumbprint);

        using var response = await _api.RenewAsync(thumbprint);

        Assert.Equal("G107e", await RenewalApi.CodeOf(response, HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task An_unknown_renewal_gets_G106e()
    {
        using var response = await _api.OtpAsync("0123456789abcdef0123456789abcdef", "123456");

        Assert.Equal("G106e", await RenewalApi.CodeOf(response, HttpStatusCode.Gone));
    }

    [Fact]
    public async Task A_renewal_left_waiting_too_long_gets_G106e()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        var renewalId = await _api.StartAsync(thumbprint);
        _factory.Time.Advance(TimeSpan.FromMinutes(5));

        using var response = await _api.OtpAsync(renewalId, _api.TokenCode("demo01"));

        Assert.Equal("G106e", await RenewalApi.CodeOf(response, HttpStatusCode.Gone));
    }

    [Fact]
    public async Task A_time_sync_pair_before_the_center_asked_for_one_gets_G108e()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        var renewalId = await _api.StartAsync(thumbprint);

        using var response = await _api.TimeSyncAsync(renewalId, "123456", "234567");

        Assert.Equal("G108e", await RenewalApi.CodeOf(response, HttpStatusCode.Conflict));
    }

    public static TheoryData<string, string> HostileOtpBodies() => new()
    {
        { """{"otp":"12345"}""", "otp" },
        { """{"otp":"1234567"}""", "otp" },
        { """{"otp":"12a456"}""", "otp" },
        { """{"otp":"123456","current":"123456","next":"234567"}""", "current" },
        { """{"current":"123456"}""", "next" },
        { """{}""", "current" },
    };

    [Theory]
    [MemberData(nameof(HostileOtpBodies))]
    public async Task Codes_of_the_wrong_form_get_G006e_with_the_field(string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _api.Client.PostAsync("/api/v1/renewals/0123456789abcdef0123456789abcdef/otp", content);

        Assert.Equal("G006e", await RenewalApi.CodeOf(response, HttpStatusCode.BadRequest));
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
    }

    [Theory]
    [InlineData("not-a-thumbprint")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF0123456")]
    [InlineData("%2e%2e%2f%2e%2e%2fetc%2fpasswd")]
    public async Task A_thumbprint_of_the_wrong_form_gets_G006e(string thumbprint)
    {
        using var response = await _api.RenewAsync(thumbprint);

        Assert.Equal("G006e", await RenewalApi.CodeOf(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_renewal_from_a_foreign_page_is_refused_with_G301e()
    {
        var thumbprint = await _api.IssueAsync("demo01");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/certificates/{thumbprint}/renewal")
        {
            Content = JsonContent.Create(new { password = RenewalApi.Password }),
        };
        request.Headers.Add("Origin", "https://evil.example");
        using var client = _factory.CreateClient();

        using var response = await client.SendAsync(request);

        Assert.Equal("G301e", await RenewalApi.CodeOf(response, HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task Neither_the_password_nor_the_codes_reach_the_log()
    {
        var thumbprint = await _api.IssueAsync("demo02");
        var renewalId = await _api.StartAsync(thumbprint);
        var first = _api.TokenCode("demo02");
        (await _api.OtpAsync(renewalId, first)).Dispose();
        _factory.Time.Advance(OneMinute);
        var next = _api.TokenCode("demo02");
        (await _api.TimeSyncAsync(renewalId, first, next)).Dispose();

        var log = ReadLog();

        Assert.Contains(renewalId, log, StringComparison.Ordinal);
        Assert.DoesNotContain(RenewalApi.Password, log, StringComparison.Ordinal);
        Assert.DoesNotContain(first, log, StringComparison.Ordinal);
        Assert.DoesNotContain(next, log, StringComparison.Ordinal);
    }

    private string ReadLog()
    {
        var folder = _factory.LogDirectory;
        return string.Concat(Directory.GetFiles(folder, "*.log").Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));
    }
}
