using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Application.Renewals;
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
        Revocations = new Fakes.FakeRevocationStatus();
        Time = new FakeTimeProvider(Start);
        Ca = new TestCa("CertPlatform Test CA", Start);
        Store = new InMemoryCertificateStore();
        Center = new ScriptedCenter(Time);
        Authority = new FakeAuthority(Ca, Time);
        Keys = new SoftwareKeyFactory();
        var certificateOptions = Options.Create(new CertificateOptions { DefaultKeyAlgorithm = defaultKeyAlgorithm });
        Sessions = new RenewalSessions(Time, Options.Create(RenewalOptions));
        var verifier = new IssuedCertificateVerifier(Ca, Time, NullLogger<IssuedCertificateVerifier>.Instance);
        var installer = new CertificateInstaller(Keys, Authority, Store, verifier, NullLogger<CertificateInstaller>.Instance);
        var known = new KnownRevocations(Revocations, NullLogger<KnownRevocations>.Instance);
        var steps = new RenewalSteps(Sessions, Authority, Store, installer, known, Time, NullLogger<RenewalSteps>.Instance);
        Renew = new RenewCertificateHandler(Center, Store, Ca, known, Sessions, steps, certificateOptions);
        Verify = new VerifyOtpHandler(Center, Sessions, steps);
    }

    public RenewalOptions RenewalOptions { get; } = new();

    public FakeTimeProvider Time { get; }

    /// <summary>What the list and renewal know is revoked (the CRL, in the helper).</summary>
    public Fakes.FakeRevocationStatus Revocations { get; }

    public TestCa Ca { get; }

    public InMemoryCertificateStore Store { get; }

    public ScriptedCenter Center { get; }

    public FakeAuthority Authority { get; }

    public SoftwareKeyFactory Keys { get; }

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

/// <summary>A CA for the tests: an ECDSA root that signs the current certificates and what the fake authority issues.</summary>
internal sealed class TestCa : ITrustAnchors, IDisposable
{
    private readonly X509Certificate2 _root;

    public TestCa(string name, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        _root = request.CreateSelfSigned(now.AddYears(-5), now.AddYears(20));
        Public = X509CertificateLoader.LoadCertificate(_root.RawData);
    }

    public X509Certificate2 Public { get; }

    public IReadOnlyList<X509Certificate2> Roots => [Public];

    public IReadOnlyList<X509Certificate2> IssuingCertificates => [Public];

    public X509Certificate2 IssueWithKey(CertificateSubject subject, DateTimeOffset notBefore, DateTimeOffset notAfter, KeyAlgorithm algorithm)
    {
        AsymmetricAlgorithm key = algorithm switch
        {
            KeyAlgorithm.Rsa2048 => RSA.Create(2048),
            KeyAlgorithm.Rsa3072 => RSA.Create(3072),
            _ => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        };
        using (key)
        {
            var request = key is RSA rsa
                ? new CertificateRequest(CertificationRequest.ToX500Name(subject), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                : new CertificateRequest(CertificationRequest.ToX500Name(subject), (ECDsa)key, HashAlgorithmName.SHA256);
            using var issued = Sign(request, notBefore, notAfter);
            return key is RSA r ? issued.CopyWithPrivateKey(r) : issued.CopyWithPrivateKey((ECDsa)key);
        }
    }

    public X509Certificate2 SignRequest(byte[] pkcs10, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var loaded = CertificateRequest.LoadSigningRequest(pkcs10, HashAlgorithmName.SHA256);
        var request = new CertificateRequest(loaded.SubjectName, loaded.PublicKey, HashAlgorithmName.SHA256);
        return Sign(request, notBefore, notAfter);
    }

    public void Dispose()
    {
        _root.Dispose();
        Public.Dispose();
    }

    private X509Certificate2 Sign(CertificateRequest request, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var key = _root.GetECDsaPrivateKey()!;
        using var issued = request.Create(_root.SubjectName, X509SignatureGenerator.CreateForECDsa(key), notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        return X509CertificateLoader.LoadCertificate(issued.RawData);
    }
}

/// <summary>The OS store as a list; it hands out copies, as the real store does, so callers may dispose them.</summary>
internal sealed class InMemoryCertificateStore : ICertificateStore, IDisposable
{
    private readonly List<X509Certificate2> _certificates = [];

    public string Description => "in-memory test store";

    public IReadOnlyList<X509Certificate2> List()
    {
        lock (_certificates)
        {
            return _certificates.Select(Copy).ToList();
        }
    }

    public X509Certificate2? Find(string thumbprint)
    {
        lock (_certificates)
        {
            var found = _certificates.Find(c => string.Equals(c.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase));
            return found is null ? null : Copy(found);
        }
    }

    public void Add(X509Certificate2 certificateWithKey)
    {
        if (!certificateWithKey.HasPrivateKey)
        {
            throw new ArgumentException("Only a certificate with its private key is installed.", nameof(certificateWithKey));
        }

        lock (_certificates)
        {
            _certificates.Add(Copy(certificateWithKey));
        }
    }

    public void AddPublicOnly(X509Certificate2 certificate)
    {
        lock (_certificates)
        {
            _certificates.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
        }
    }

    public void Remove(string thumbprint)
    {
        lock (_certificates)
        {
            _certificates.RemoveAll(c => string.Equals(c.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase));
        }
    }

    public void Dispose()
    {
        foreach (var certificate in _certificates)
        {
            certificate.Dispose();
        }
    }

    private static X509Certificate2 Copy(X509Certificate2 certificate) =>
        certificate.HasPrivateKey
            ? X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable)
            : X509CertificateLoader.LoadCertificate(certificate.RawData);
}

internal sealed class SoftwareKeyFactory : IKeyFactory
{
    public int Discarded { get; private set; }

    public GeneratedKey Create(KeyAlgorithm algorithm)
    {
        AsymmetricAlgorithm key = algorithm switch
        {
            KeyAlgorithm.Rsa2048 => RSA.Create(2048),
            KeyAlgorithm.Rsa3072 => RSA.Create(3072),
            _ => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        };
        return new GeneratedKey(algorithm, key, () => Discarded++);
    }
}

/// <summary>A CA port that signs whatever it gets for 30 days and remembers what it was shown.</summary>
internal sealed class FakeAuthority(TestCa ca, TimeProvider time) : ICertificateAuthority
{
    public List<(EnrollmentTicket Ticket, string CurrentThumbprint, bool CurrentHadKey)> Reenrollments { get; } = [];

    public CatalogError? Refuse { get; set; }

    public Task<IReadOnlyList<X509Certificate2>> GetCaCertificatesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<X509Certificate2>>([ca.Public]);

    public Task<X509Certificate2> EnrollAsync(byte[] certificationRequest, EnrollmentTicket ticket, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A renewal re-enrolls.");

    public Task<X509Certificate2> ReenrollAsync(
        byte[] certificationRequest, EnrollmentTicket ticket, X509Certificate2 current, CancellationToken cancellationToken)
    {
        Reenrollments.Add((ticket, current.Thumbprint, current.HasPrivateKey));
        if (Refuse is { } error)
        {
            throw new CertPlatformException(error);
        }

        var now = time.GetUtcNow();
        return Task.FromResult(ca.SignRequest(certificationRequest, now, now.AddDays(30)));
    }
}

/// <summary>
/// The center port as a script: by default the password leads to the OTP and the OTP or the pair to a ticket.
/// A test replaces a step's answer, makes it throw a catalog error, or holds it on a gate.
/// </summary>
internal sealed class ScriptedCenter(TimeProvider time) : ICenterGateway
{
    private int _renewals;

    public CertificateSubject NewSubject { get; } =
        new("(2235)CERTPLATFORM TEST BANK", "(2235)CertPlatform Test CA", "demo01 A001 20260501090000000000");

    public Func<string, CenterRenewalStep>? OnBegin { get; set; }

    public Func<string, CenterRenewalStep>? OnOtp { get; set; }

    public Func<string, CenterRenewalStep>? OnTimeSync { get; set; }

    /// <summary>When set, each call waits for it first, so a test can hold a step in flight.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public List<string> Calls { get; } = [];

    public X509Certificate2? LastPresented { get; private set; }

    public CenterRenewalStep Ticket(string renewalId) =>
        new(renewalId, CenterRenewalNext.Ticket, new EnrollmentTicket("ticket-user", "ticket-secret", time.GetUtcNow().AddMinutes(5)), NewSubject);

    public static Func<string, CenterRenewalStep> Refusing(CatalogError error) => _ => throw new CertPlatformException(error);

    public Task<IssuanceAuthorization> AuthorizeIssuanceAsync(LoginId loginId, LoginPassword password, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public async Task<CenterRenewalStep> BeginRenewalAsync(X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken)
    {
        Calls.Add("begin");
        LastPresented = X509CertificateLoader.LoadCertificate(current.RawData);
        Assert.True(current.HasPrivateKey, "The center is shown the current certificate with its key.");
        await WaitAsync();
        var id = $"center-{Interlocked.Increment(ref _renewals)}";
        return (OnBegin ?? (i => new CenterRenewalStep(i, CenterRenewalNext.Otp)))(id);
    }

    public async Task<CenterRenewalStep> VerifyOtpAsync(string renewalId, OneTimePassword otp, CancellationToken cancellationToken)
    {
        Calls.Add("otp");
        await WaitAsync();
        return (OnOtp ?? Ticket)(renewalId);
    }

    public async Task<CenterRenewalStep> VerifyTimeSyncAsync(string renewalId, TimeSyncPair pair, CancellationToken cancellationToken)
    {
        Calls.Add("timeSync");
        await WaitAsync();
        return (OnTimeSync ?? Ticket)(renewalId);
    }

    public Task<DateTimeOffset> GetTimeAsync(CancellationToken cancellationToken) => Task.FromResult(time.GetUtcNow());

    public Task<CenterRevocation> RevokeAsync(X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<CenterRevocation> RevokeAsAdministratorAsync(LoginId administrator, LoginPassword password, string serialNumber, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    private Task WaitAsync() => Gate?.Task ?? Task.CompletedTask;
}
