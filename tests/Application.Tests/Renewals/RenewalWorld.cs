using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Application.Renewals;
using CertPlatform.Application.Tests.Fakes;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CertPlatform.Application.Tests.Renewals;

/// <summary>The renewal handlers with real application services and fakes at the ports.</summary>
internal sealed class RenewalWorld : IDisposable
{
    public const string Password = "Sandbox-Pass-01";

    public static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    public RenewalWorld(KeyAlgorithm defaultKeyAlgorithm = KeyAlgorithm.EcdsaP256)
    {
        Revocations = new FakeRevocationStatus();
        Time = new FakeTimeProvider(Start);
        Ca = new TestCa("CN=CertPlatform Test CA", Start);
        Store = new InMemoryStore();
        Center = new FakeCenter(Time);
        Authority = new FakeAuthority(Ca, Time);
        Keys = new RecordingKeyFactory();
        var certificateOptions = Options.Create(new CertificateOptions { DefaultKeyAlgorithm = defaultKeyAlgorithm });
        Sessions = new RenewalSessions(Time, Options.Create(RenewalOptions));
        var verifier = new IssuedCertificateVerifier(Ca, Time, NullLogger<IssuedCertificateVerifier>.Instance);
        var installer = new CertificateInstaller(Keys, Authority, Store, verifier, Pending, Time, NullLogger<CertificateInstaller>.Instance);
        var known = new KnownRevocations(Revocations, NullLogger<KnownRevocations>.Instance);
        var steps = new RenewalSteps(Sessions, Authority, Store, installer, known, Time, NullLogger<RenewalSteps>.Instance);
        Renew = new RenewCertificateHandler(Center, Store, Ca, known, Sessions, steps, Pending, certificateOptions);
        Verify = new VerifyOtpHandler(Center, Sessions, steps);
    }

    public RenewalOptions RenewalOptions { get; } = new();

    public InMemoryPendingInstalls Pending { get; } = new();

    public FakeTimeProvider Time { get; }

    /// <summary>What the list and renewal know is revoked (the CRL, in the helper).</summary>
    public FakeRevocationStatus Revocations { get; }

    public TestCa Ca { get; }

    public InMemoryStore Store { get; }

    public FakeCenter Center { get; }

    public FakeAuthority Authority { get; }

    public RecordingKeyFactory Keys { get; }

    public RenewalSessions Sessions { get; }

    public RenewCertificateHandler Renew { get; }

    public VerifyOtpHandler Verify { get; }

    /// <summary>Puts a certificate of the test CA with its key in the store; returns its thumbprint.</summary>
    public string AddCurrent(DateTimeOffset notAfter, KeyAlgorithm algorithm = KeyAlgorithm.EcdsaP256, TestCa? issuer = null, bool withKey = true)
    {
        using var certificate = (issuer ?? Ca).IssueWithKey(CurrentSubject, notAfter.AddDays(-366), notAfter, algorithm);
        if (withKey)
        {
            Store.Add(certificate);
        }
        else
        {
            Store.AddPublicOnly(certificate);
        }

        return certificate.Thumbprint;
    }

    public static CertificateSubject CurrentSubject { get; } =
        new("(2235)CERTPLATFORM TEST BANK", "(2235)CertPlatform Test CA", "demo01 A001 20250501090000000000");

    public Task<RenewalProgress> RenewAsync(string thumbprint, string password = Password, string? keyAlgorithm = null) =>
        Renew.Handle(new RenewCertificate(thumbprint, password, keyAlgorithm), CancellationToken.None).AsTask();

    public Task<RenewalProgress> OtpAsync(string renewalId, string otp = "123456") =>
        Verify.Handle(new VerifyOtp(renewalId, Otp: otp), CancellationToken.None).AsTask();

    public Task<RenewalProgress> TimeSyncAsync(string renewalId, string current = "123456", string next = "234567") =>
        Verify.Handle(new VerifyOtp(renewalId, Current: current, Next: next), CancellationToken.None).AsTask();

    public void Dispose()
    {
        Store.Dispose();
        Ca.Dispose();
    }
}
