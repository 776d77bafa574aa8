using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.Sandbox;
using CertPlatform.Sandbox.Totp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CertPlatform.Sandbox.Tests;

/// <summary>The sandbox center and CA wired as the helper wires them, in a temporary data folder, on a fake clock.</summary>
internal sealed class SandboxWorld : IDisposable
{
    public const string Password = "Sandbox-Pass-01";

    /// <summary>Half way through a 60-second step, so a few seconds either way stay in the same step.</summary>
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 30, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"certplatform-sandbox-{Guid.NewGuid():N}");

    public SandboxWorld(int certificateLifetimeDays = 30)
    {
        Time = new FakeTimeProvider(Start);
        Options = new SandboxOptions { CertificateLifetimeDays = certificateLifetimeDays, CaKeyAlgorithm = KeyAlgorithm.EcdsaP256 };
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var paths = new HelperPaths(_directory, Path.Combine(_directory, "logs"));
        CaKeys = new SandboxCaKeys(paths, options, Time, NullLogger<SandboxCaKeys>.Instance);
        Tickets = new SandboxTickets(Time, options);
        Accounts = new SandboxAccounts(options, Time);
        Tokens = new SandboxTokens(Accounts, Time);
        Registry = new SandboxRegistry(paths);
        Center = new SandboxCenter(
            Accounts, Tickets, Tokens, Registry, options, Microsoft.Extensions.Options.Options.Create(new CertificateOptions()), Time, NullLogger<SandboxCenter>.Instance);
        Authority = new SandboxCertificateAuthority(CaKeys, Tickets, Registry, CrlDistribution, options, Time, NullLogger<SandboxCertificateAuthority>.Instance);
        Crl = new SandboxCrl(CaKeys, Registry, Time);
    }

    public SandboxCrlDistribution CrlDistribution { get; } = new(52235);

    public SandboxCrl Crl { get; }

    public FakeTimeProvider Time { get; }

    public SandboxOptions Options { get; }

    public SandboxCaKeys CaKeys { get; }

    public SandboxTickets Tickets { get; }

    public SandboxAccounts Accounts { get; }

    public SandboxTokens Tokens { get; }

    public SandboxRegistry Registry { get; }

    public SandboxCenter Center { get; }

    public SandboxCertificateAuthority Authority { get; }

    public static TotpToken DemoToken { get; } = TotpToken.FromBase32(SandboxAccounts.DemoTokenSecret, 60, 6);

    /// <summary>Issues a certificate to a demo user as the helper would, with its key attached.</summary>
    public async Task<X509Certificate2> IssueAsync(string loginId)
    {
        var authorization = await Center.AuthorizeIssuanceAsync(LoginId.Parse(loginId), LoginPassword.Parse(Password), CancellationToken.None);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CertificationRequest.Create(authorization.Subject, new GeneratedKey(KeyAlgorithm.EcdsaP256, key));
        using var issued = await Authority.EnrollAsync(request, authorization.Ticket, CancellationToken.None);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>What the user's hardware token shows now (drift included), computed from the secret and the fake clock.</summary>
    public string CodeShownBy(string loginId) =>
        DemoToken.CodeAt(Time.GetUtcNow().AddSeconds(Accounts.Find(loginId)!.TokenDriftSeconds));

    /// <summary>A code none of the next or last ten minutes of the token shows.</summary>
    public string WrongCode(string loginId)
    {
        var around = DemoToken.StepAt(Time.GetUtcNow().AddSeconds(Accounts.Find(loginId)!.TokenDriftSeconds));
        var shown = Enumerable.Range(-12, 25).Select(i => DemoToken.CodeOfStep(around + i)).ToHashSet();
        return Enumerable.Range(0, 100).Select(i => (i * 7919 % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !shown.Contains(c));
    }

    public Task<CenterRenewalStep> BeginAsync(X509Certificate2 current, string password = Password) =>
        Center.BeginRenewalAsync(current, LoginPassword.Parse(password), CancellationToken.None);

    public Task<CenterRenewalStep> OtpAsync(string renewalId, string code) =>
        Center.VerifyOtpAsync(renewalId, OneTimePassword.Parse(code), CancellationToken.None);

    public Task<CenterRenewalStep> TimeSyncAsync(string renewalId, string current, string next) =>
        Center.VerifyTimeSyncAsync(renewalId, new TimeSyncPair(OneTimePassword.Parse(current), OneTimePassword.Parse(next)), CancellationToken.None);

    /// <summary>Password and an in-sync code: the ticket of a demo01-like renewal.</summary>
    public async Task<CenterRenewalStep> AuthorizeRenewalAsync(X509Certificate2 current, string loginId)
    {
        var started = await BeginAsync(current);
        return await OtpAsync(started.RenewalId, CodeShownBy(loginId));
    }

    public void Dispose()
    {
        CaKeys.Dispose();
        Registry.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
