using System.Net;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Credentials;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>A failure nobody expected is G005e for the user; what went wrong stays in the log.</summary>
public class UnexpectedFailureTests
{
    private const string InternalDetail = "center exploded at internal-host-17";

    [Fact]
    public async Task An_unexpected_failure_shows_no_stack_trace_and_no_detail()
    {
        await using var app = HelperFactory.With(new Dictionary<string, string?>(), services => services.AddSingleton<ICenterGateway, ExplodingCenter>());

        using var response = await app.CreateClient().SendAsync(Requests.Post(Requests.IssuePath,
            $$"""{"loginId":"{{HelperFactory.DemoLoginId}}","password":"{{HelperFactory.DemoPassword}}"}"""));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("G005e", await Requests.CodeOf(response));
        Assert.DoesNotContain(InternalDetail, text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(HelperFactory.DemoPassword, text, StringComparison.Ordinal);
    }

    private sealed class ExplodingCenter : ICenterGateway
    {
        public Task<IssuanceAuthorization> AuthorizeIssuanceAsync(LoginId loginId, LoginPassword password, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(InternalDetail);

        public Task<CenterRenewalStep> BeginRenewalAsync(X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(InternalDetail);

        public Task<CenterRenewalStep> VerifyOtpAsync(string renewalId, OneTimePassword otp, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(InternalDetail);

        public Task<CenterRenewalStep> VerifyTimeSyncAsync(string renewalId, TimeSyncPair pair, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(InternalDetail);

        public Task<DateTimeOffset> GetTimeAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException(InternalDetail);

        public Task<CenterRevocation> RevokeAsync(X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(InternalDetail);

        public Task<CenterRevocation> RevokeAsAdministratorAsync(LoginId administrator, LoginPassword password, string serialNumber, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(InternalDetail);
    }
}
