using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Credentials;
using CertPlatform.Infrastructure.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>
/// The real flows through the real pipeline, logging at Verbose for every category, then the real
/// ApplicationLog.log read back: no password, one-time password, ticket, API token or key appears in it, nor in
/// any answer.
/// </summary>
public class SecretsInLogTests
{
    private const string WrongPassword = "Wrong-Secret-7Qx";
    private const string MalformedBodyPassword = "Malformed-Secret-8Rz";
    private const string OverLongPassword = "Overlong-Secret-9Sy-";
    private const string GuessedOtp = "864213";

    [Fact]
    public async Task No_secret_of_any_flow_reaches_the_log_or_an_answer()
    {
        var tickets = new ConcurrentBag<EnrollmentTicket>();
        var answers = new List<string>();
        string logText;
        string apiToken;
        var app = HelperApp.With(
            new Dictionary<string, string?>
            {
                ["Serilog:MinimumLevel:Default"] = "Verbose",
                ["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose",
                ["Serilog:MinimumLevel:Override:System"] = "Verbose",
            },
            services => services.AddSingleton<ICenterGateway>(sp => new TicketRecordingCenter(sp.GetRequiredService<SandboxCenter>(), tickets)));
        await using (app)
        {
            var client = app.CreateClient();
            apiToken = File.ReadAllText(Path.Combine(app.DataDirectory, "api-token")).Trim();

            async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
            {
                var response = await client.SendAsync(request);
                answers.Add(response.ToString() + await response.Content.ReadAsStringAsync());
                return response;
            }

            using var issued = await SendAsync(WithRequestId(Requests.Post(Requests.IssuePath,
                $$"""{"loginId":"{{HelperApp.DemoLoginId}}","password":"{{HelperApp.DemoPassword}}","keyAlgorithm":"ECDSA-P256"}""")));
            using var wrong = await SendAsync(Requests.Post(Requests.IssuePath, $$"""{"loginId":"demo02","password":"{{WrongPassword}}"}"""));
            using var malformed = await SendAsync(Requests.Post(Requests.IssuePath, $$"""{"loginId":"demo02","password":"{{MalformedBodyPassword}}" """));
            using var overLong = await SendAsync(Requests.Post(Requests.IssuePath, $$"""{"loginId":"demo02","password":"{{OverLongPassword + new string('x', 80)}}"}"""));
            using var mistyped = await SendAsync(Requests.Post(Requests.IssuePath, $$"""{"loginId":"demo02","password":"{{WrongPassword}}","keyAlgorithm":["{{WrongPassword}}"]}"""));
            using var otp = await SendAsync(Requests.Post("/api/v1/renewals/unknown-renewal/otp", $$"""{"otp":"{{GuessedOtp}}"}"""));
            var byProgram = Requests.Post(Requests.IssuePath, $$"""{"loginId":"demo02","password":"{{WrongPassword}}"}""", origin: null);
            byProgram.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiToken);
            using var program = await SendAsync(byProgram);
            var wrongToken = Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, origin: null);
            wrongToken.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiToken[..^4] + "AAAA");
            using var refusedToken = await SendAsync(wrongToken);

            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
            Assert.Equal("G101e", await Requests.CodeOf(wrong));
            Assert.Equal("G006e", await Requests.CodeOf(malformed));
            Assert.Equal("G006e", await Requests.CodeOf(overLong));
            Assert.Equal("G006e", await Requests.CodeOf(mistyped));
            Assert.Equal("G101e", await Requests.CodeOf(program));
            Assert.Equal("G307e", await Requests.CodeOf(refusedToken));
            Assert.NotEqual(HttpStatusCode.OK, otp.StatusCode);
        }

        // Disposed: the host's logger has flushed and closed the file.
        logText = app.FinalLog!;
        string[] secrets =
        [
            HelperApp.DemoPassword, WrongPassword, MalformedBodyPassword, OverLongPassword, GuessedOtp, apiToken,
            .. tickets.Select(t => t.Reveal()),
        ];

        Assert.NotEmpty(tickets);
        Assert.Contains("IssueCertificate completed", logText, StringComparison.Ordinal);
        Assert.Contains("IssueCertificate refused with G101e", logText, StringComparison.Ordinal);
        Assert.Contains("HTTP POST /api/v1/certificates/issue responded 400", logText, StringComparison.Ordinal);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, logText, StringComparison.Ordinal));
        Assert.DoesNotContain("PRIVATE KEY", logText, StringComparison.Ordinal);
        Assert.All(answers, answer => Assert.All(secrets, secret => Assert.DoesNotContain(secret, answer, StringComparison.Ordinal)));
        Assert.All(answers, answer => Assert.DoesNotContain("PRIVATE KEY", answer, StringComparison.Ordinal));
    }

    private static HttpRequestMessage WithRequestId(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("X-Request-Id", Guid.NewGuid().ToString());
        return request;
    }

    /// <summary>The sandbox center, noting each ticket it hands out so the test knows what to look for.</summary>
    private sealed class TicketRecordingCenter(SandboxCenter center, ConcurrentBag<EnrollmentTicket> tickets) : ICenterGateway
    {
        public async Task<IssuanceAuthorization> AuthorizeIssuanceAsync(LoginId loginId, LoginPassword password, CancellationToken cancellationToken)
        {
            var authorization = await center.AuthorizeIssuanceAsync(loginId, password, cancellationToken);
            tickets.Add(authorization.Ticket);
            return authorization;
        }

        public Task<CenterRenewalStep> BeginRenewalAsync(X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken) =>
            center.BeginRenewalAsync(current, password, cancellationToken);

        public Task<CenterRenewalStep> VerifyOtpAsync(string renewalId, OneTimePassword otp, CancellationToken cancellationToken) =>
            center.VerifyOtpAsync(renewalId, otp, cancellationToken);

        public Task<CenterRenewalStep> VerifyTimeSyncAsync(string renewalId, TimeSyncPair pair, CancellationToken cancellationToken) =>
            center.VerifyTimeSyncAsync(renewalId, pair, cancellationToken);
    }
}
