using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Credentials;
using CertPlatform.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>
/// Each flow through the real pipeline, logging at Verbose for every category, then the real ApplicationLog.log
/// read back once the helper has stopped: no password, one-time password, ticket, API token or key appears in
/// it, nor in any answer.
/// </summary>
public class SecretsInLogTests
{
    private const string WrongPassword = "Wrong-Secret-7Qx";
    private const string MalformedBodyPassword = "Malformed-Secret-8Rz";
    private const string OverLongPassword = "Overlong-Secret-9Sy-";
    private const string GuessedOtp = "864213";

    [Theory]
    [InlineData("issue", "")]
    [InlineData("wrong password", "G101e")]
    [InlineData("lockout", "G102e")]
    [InlineData("malformed json", "G006e")]
    [InlineData("over-long password", "G006e")]
    [InlineData("wrong types", "G006e")]
    [InlineData("otp guess", "")]
    [InlineData("api token", "G101e")]
    [InlineData("wrong api token", "G307e")]
    [InlineData("rate limited", "G303e")]
    [InlineData("revocation", "G203e")]
    [InlineData("administrator revocation", "G101e")]
    public async Task No_secret_reaches_the_log_or_an_answer(string flow, string finalCode)
    {
        var tickets = new ConcurrentBag<EnrollmentTicket>();
        var answers = new List<string>();
        var app = HelperFactory.With(
            new Dictionary<string, string?>
            {
                ["Serilog:MinimumLevel:Default"] = "Verbose",
                ["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose",
                ["Serilog:MinimumLevel:Override:System"] = "Verbose",
                ["Security:RateLimits:Password:PermitLimit"] = "6",
            },
            services => services.AddSingleton<ICenterGateway>(sp => new TicketRecordingCenter(sp.GetRequiredService<SandboxCenter>(), tickets)));
        string apiToken;
        HttpResponseMessage last;
        await using (app)
        {
            var client = app.CreateClient();
            apiToken = File.ReadAllText(Path.Combine(app.DataDirectory, "api-token")).Trim();
            last = null!;
            foreach (var request in Flow(flow, apiToken))
            {
                last = await client.SendAsync(request);
                answers.Add(last.ToString() + await last.Content.ReadAsStringAsync());
            }

            if (flow == "issue")
            {
                Assert.Equal(HttpStatusCode.OK, last.StatusCode);
            }
            else if (finalCode.Length > 0)
            {
                Assert.Equal(finalCode, await Requests.CodeOf(last));
            }
        }

        var log = app.FinalLog!;
        string[] secrets =
        [
            HelperFactory.DemoPassword, WrongPassword, MalformedBodyPassword, OverLongPassword, GuessedOtp, apiToken,
            .. tickets.Select(t => t.Reveal()),
        ];

        Assert.Contains("HTTP POST", log, StringComparison.Ordinal);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, log, StringComparison.Ordinal));
        Assert.DoesNotContain("PRIVATE KEY", log, StringComparison.Ordinal);
        Assert.All(answers, answer => Assert.All(secrets, secret => Assert.DoesNotContain(secret, answer, StringComparison.Ordinal)));
        Assert.All(answers, answer => Assert.DoesNotContain("PRIVATE KEY", answer, StringComparison.Ordinal));
        if (flow == "issue")
        {
            Assert.NotEmpty(tickets);
            Assert.Contains("IssueCertificate completed", log, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<HttpRequestMessage> Flow(string flow, string apiToken)
    {
        switch (flow)
        {
            case "issue":
                var issue = Requests.Post(Requests.IssuePath,
                    $$"""{"loginId":"{{HelperFactory.DemoLoginId}}","password":"{{HelperFactory.DemoPassword}}","keyAlgorithm":"ECDSA-P256"}""");
                issue.Headers.TryAddWithoutValidation("X-Request-Id", Guid.NewGuid().ToString());
                yield return issue;
                break;
            case "wrong password":
                yield return Requests.Post(Requests.IssuePath, $$"""{"loginId":"demo02","password":"{{WrongPassword}}"}""");
                break;
            case "lockout":
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    yield return Requests.Post(Requests.IssuePath, $$"""{"loginId":"demo02","password":"{{WrongPassword}}"}""");
                }

                break;
            case "malformed json":
                yield return Requests.Post(Requests.IssuePath, $$"""{"loginId":"demo02","password":"{{MalformedBodyPassword}}" """);
                break;
            case "over-long password":
                yield return Requests.Post(Requests.IssuePath, $$"""{"loginId":"demo02","password":"{{OverLongPassword + new string('x', 80)}}"}""");
                break;
            case "wrong types":
                yield return Requests.Post(Requests.IssuePath, $$"""{"loginId":"demo02","password":"{{WrongPassword}}","keyAlgorithm":["{{WrongPassword}}"]}""");
                break;
            case "otp guess":
                yield return Requests.Post("/api/v1/renewals/unknown-renewal/otp", $$"""{"otp":"{{GuessedOtp}}"}""");
                break;
            case "api token":
                var byProgram = Requests.Post(Requests.IssuePath, $$"""{"loginId":"demo02","password":"{{WrongPassword}}"}""", origin: null);
                byProgram.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiToken);
                yield return byProgram;
                break;
            case "wrong api token":
                var wrongToken = Requests.Post(Requests.IssuePath, $$"""{"loginId":"demo02","password":"{{WrongPassword}}"}""", origin: null);
                wrongToken.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiToken[..^4] + "AAAA");
                yield return wrongToken;
                break;
            case "rate limited":
                for (var attempt = 0; attempt < 7; attempt++)
                {
                    yield return Requests.Post(Requests.IssuePath, $$"""{"loginId":"nobody{{attempt}}","password":"{{WrongPassword}}"}""");
                }

                break;
            case "revocation":
                yield return Requests.Post($"/api/v1/certificates/{new string('A', 40)}/revocation", $$"""{"password":"{{WrongPassword}}"}""");
                break;
            case "administrator revocation":
                yield return Requests.Post("/api/v1/certificates/revocations", $$"""{"loginId":"admin01","password":"{{WrongPassword}}","serialNumber":"4f3c"}""");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(flow), flow, "No such flow.");
        }
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

        public Task<DateTimeOffset> GetTimeAsync(CancellationToken cancellationToken) => center.GetTimeAsync(cancellationToken);

        public Task<CenterRevocation> RevokeAsync(X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken) =>
            center.RevokeAsync(current, password, cancellationToken);

        public Task<CenterRevocation> RevokeAsAdministratorAsync(LoginId administrator, LoginPassword password, string serialNumber, CancellationToken cancellationToken) =>
            center.RevokeAsAdministratorAsync(administrator, password, serialNumber, cancellationToken);
    }
}
