using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;

namespace CertPlatform.Application.Tests.Fakes;

/// <summary>
/// The center port: issuance and revocation check the demo password; the renewal is a script: by default the password
/// leads to the OTP and the OTP or the pair to a ticket. A test replaces a step's answer, makes it throw a catalog
/// error, or holds it on a gate. <see cref="Calls"/> lists what the helper asked, in order.
/// </summary>
public sealed class FakeCenter(TimeProvider time) : ICenterGateway
{
    public const string Password = "Sandbox-Pass-01";

    private int _renewals;

    public CertificateSubject Subject { get; set; } = new("(2235)TEST BANK", "(2235)TEST CA", "demo01 A001 20261126000000000000");

    /// <summary>The subject a renewal's ticket authorizes.</summary>
    public CertificateSubject NewSubject { get; } =
        new("(2235)CERTPLATFORM TEST BANK", "(2235)CertPlatform Test CA", "demo01 A001 20260501090000000000");

    /// <summary>issuance, revocation, administratorRevocation, begin, otp, timeSync: each call, in order.</summary>
    public List<string> Calls { get; } = [];

    public Func<string, CenterRenewalStep>? OnBegin { get; set; }

    public Func<string, CenterRenewalStep>? OnOtp { get; set; }

    public Func<string, CenterRenewalStep>? OnTimeSync { get; set; }

    /// <summary>When set, each renewal step waits for it first, so a test can hold a step in flight.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public X509Certificate2? LastPresented { get; private set; }

    /// <summary>The center's clock: the test's, moved by this much (a PC whose clock is wrong sees the center's as moved).</summary>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>When set, reading the center's clock fails with this (the center cannot be reached).</summary>
    public CatalogError? TimeFailure { get; set; }

    public List<string> Revoked { get; } = [];

    public CenterRenewalStep Ticket(string renewalId) =>
        new(renewalId, CenterRenewalNext.Ticket, new EnrollmentTicket("ticket-user", "ticket-secret", time.GetUtcNow().AddMinutes(5)), NewSubject);

    public static Func<string, CenterRenewalStep> Refusing(CatalogError error) => _ => throw new CertPlatformException(error);

    public Task<IssuanceAuthorization> AuthorizeIssuanceAsync(LoginId loginId, LoginPassword password, CancellationToken cancellationToken)
    {
        Calls.Add("issuance");
        if (!password.Matches(Password))
        {
            throw new CertPlatformException(ErrorCatalog.G101e);
        }

        return Task.FromResult(new IssuanceAuthorization(new EnrollmentTicket("t", "ticket-secret", time.GetUtcNow().AddMinutes(5)), Subject));
    }

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

    public Task<DateTimeOffset> GetTimeAsync(CancellationToken cancellationToken) =>
        TimeFailure is { } failure ? throw new CertPlatformException(failure) : Task.FromResult(time.GetUtcNow() + ClockOffset);

    public Task<CenterRevocation> RevokeAsync(X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken)
    {
        Calls.Add("revocation");
        if (!password.Matches(Password))
        {
            throw new CertPlatformException(ErrorCatalog.G101e);
        }

        if (Revoked.Contains(current.Thumbprint))
        {
            throw new CertPlatformException(ErrorCatalog.G208e);
        }

        Revoked.Add(current.Thumbprint);
        return Task.FromResult(new CenterRevocation(current.SerialNumber.ToLowerInvariant(), current.Thumbprint, time.GetUtcNow()));
    }

    public Task<CenterRevocation> RevokeAsAdministratorAsync(LoginId administrator, LoginPassword password, string serialNumber, CancellationToken cancellationToken)
    {
        Calls.Add("administratorRevocation");
        return administrator.Value == "admin01" && password.Matches(Password)
            ? Task.FromResult(new CenterRevocation(serialNumber, null, time.GetUtcNow()))
            : throw new CertPlatformException(administrator.Value == "admin01" ? ErrorCatalog.G101e : ErrorCatalog.G253e);
    }

    private Task WaitAsync() => Gate?.Task ?? Task.CompletedTask;
}

/// <summary>Revocation status as a test sets it: revoked thumbprints, or a failure (a CRL that cannot be fetched).</summary>
public sealed class FakeRevocationStatus : IRevocationStatus
{
    public HashSet<string> RevokedThumbprints { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Exception? Failure { get; set; }

    public Task<IReadOnlySet<string>> RevokedAmongAsync(IReadOnlyList<X509Certificate2> certificates, CancellationToken cancellationToken) =>
        Failure is { } failure
            ? Task.FromException<IReadOnlySet<string>>(failure)
            : Task.FromResult<IReadOnlySet<string>>(certificates.Select(c => c.Thumbprint).Where(RevokedThumbprints.Contains).ToHashSet(StringComparer.OrdinalIgnoreCase));

    public void Revoked(string thumbprint) => RevokedThumbprints.Add(thumbprint);
}

/// <summary>
/// A CA port that signs with <see cref="TestCa"/> (issuance for a year, re-enrollment for 30 days), remembers the
/// re-enrollments it was shown, or misbehaves as a test asks.
/// </summary>
public sealed class FakeAuthority(TestCa ca, TimeProvider time) : ICertificateAuthority
{
    /// <summary>What issuance answers instead of a proper certificate (a wrong key, a foreign CA…).</summary>
    public Func<byte[], X509Certificate2>? Override { get; set; }

    public CatalogError? Refuse { get; set; }

    public List<(EnrollmentTicket Ticket, string CurrentThumbprint, bool CurrentHadKey)> Reenrollments { get; } = [];

    public Task<IReadOnlyList<X509Certificate2>> GetCaCertificatesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<X509Certificate2>>([ca.Public]);

    public Task<X509Certificate2> EnrollAsync(byte[] certificationRequest, EnrollmentTicket ticket, CancellationToken cancellationToken) =>
        Refuse is { } error
            ? throw new CertPlatformException(error)
            : Task.FromResult(Override?.Invoke(certificationRequest) ?? ca.Sign(certificationRequest, time.GetUtcNow()));

    public Task<X509Certificate2> ReenrollAsync(
        byte[] certificationRequest, EnrollmentTicket ticket, X509Certificate2 current, CancellationToken cancellationToken)
    {
        Reenrollments.Add((ticket, current.Thumbprint, current.HasPrivateKey));
        if (Refuse is { } error)
        {
            throw new CertPlatformException(error);
        }

        return Task.FromResult(ca.Sign(certificationRequest, time.GetUtcNow(), days: 30));
    }
}

/// <summary>The OS store as a list; it hands out copies, as the real store does, so callers may dispose them.</summary>
public sealed class InMemoryStore : ICertificateStore, IDisposable
{
    private readonly List<X509Certificate2> _certificates = [];

    public Exception? FailOnAdd { get; set; }

    public string Description => "memory";

    /// <summary>Lists certificates without their keys and answers <see cref="HoldsPrivateKeyOf"/> apart, as the NSS store does.</summary>
    public bool ListsWithoutKeys { get; set; }

    public int Count
    {
        get
        {
            lock (_certificates)
            {
                return _certificates.Count;
            }
        }
    }

    public IReadOnlyList<X509Certificate2> List()
    {
        lock (_certificates)
        {
            return [.. _certificates.Select(c => ListsWithoutKeys ? X509CertificateLoader.LoadCertificate(c.RawData) : Copy(c))];
        }
    }

    public bool HoldsPrivateKeyOf(X509Certificate2 certificate)
    {
        lock (_certificates)
        {
            return _certificates.Exists(c => c.Thumbprint == certificate.Thumbprint && c.HasPrivateKey);
        }
    }

    /// <summary>A certificate without its key: a CA certificate trusted in the store (certutil -A), or one whose key is gone.</summary>
    public void AddPublicOnly(X509Certificate2 certificate)
    {
        lock (_certificates)
        {
            _certificates.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
        }
    }

    public X509Certificate2? Find(string thumbprint)
    {
        lock (_certificates)
        {
            var found = _certificates.Find(c => c.Thumbprint.Equals(thumbprint, StringComparison.OrdinalIgnoreCase));
            return found is null ? null : Copy(found);
        }
    }

    public void Add(X509Certificate2 certificateWithKey)
    {
        if (FailOnAdd is not null)
        {
            throw FailOnAdd;
        }

        if (!certificateWithKey.HasPrivateKey)
        {
            throw new ArgumentException("Only a certificate with its private key is installed.", nameof(certificateWithKey));
        }

        lock (_certificates)
        {
            _certificates.Add(Copy(certificateWithKey));
        }
    }

    public void Remove(string thumbprint)
    {
        lock (_certificates)
        {
            _certificates.RemoveAll(c => c.Thumbprint.Equals(thumbprint, StringComparison.OrdinalIgnoreCase));
        }
    }

    public void Dispose()
    {
        foreach (var certificate in _certificates)
        {
            certificate.Dispose();
        }
    }

    private static X509Certificate2 Copy(X509Certificate2 c) =>
        c.HasPrivateKey
            ? X509CertificateLoader.LoadPkcs12(c.Export(X509ContentType.Pkcs12, "p"), "p", X509KeyStorageFlags.Exportable)
            : X509CertificateLoader.LoadCertificate(c.RawData);
}

/// <summary>Makes software keys and remembers which were discarded (a failed issuance must leave no key).</summary>
public sealed class RecordingKeyFactory : IKeyFactory
{
    public int Created { get; private set; }

    public int Discarded { get; private set; }

    /// <summary>How many of the keys' OS handles were closed (a CNG key's <c>CngKey</c> on Windows).</summary>
    public int HandlesClosed { get; private set; }

    /// <summary>Makes the delete of a discarded key fail, as a CNG delete can.</summary>
    public bool FailDiscards { get; set; }

    public GeneratedKey Create(KeyAlgorithm algorithm)
    {
        Created++;
        AsymmetricAlgorithm key = algorithm == KeyAlgorithm.EcdsaP256 ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(algorithm == KeyAlgorithm.Rsa3072 ? 3072 : 2048);
        return new GeneratedKey(algorithm, key, () =>
        {
            Discarded++;
            if (FailDiscards)
            {
                throw new CryptographicException("Keyset does not exist");
            }
        }, handle: new Closing(() => HandlesClosed++));
    }

    private sealed class Closing(Action closed) : IDisposable
    {
        public void Dispose() => closed();
    }

    public GeneratedKey Restore(PendingInstall install)
    {
        AsymmetricAlgorithm key = install.Algorithm == KeyAlgorithm.EcdsaP256 ? ECDsa.Create() : RSA.Create();
        key.ImportPkcs8PrivateKey(install.SoftwareKey, out _);
        return new GeneratedKey(install.Algorithm, key, () => Discarded++);
    }
}

/// <summary>The pending-install records in memory, with the real adapter's rules (owned by this run until completed or released).</summary>
public sealed class InMemoryPendingInstalls : IPendingInstalls
{
    private readonly Dictionary<string, PendingInstall> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _owned = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _successors = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Makes the next Save fail as a full disk would.</summary>
    public bool FailSaves { get; set; }

    public int Saved { get; private set; }

    public bool AnyUnfinished => _records.Count > _owned.Count;

    public IReadOnlyCollection<PendingInstall> Records => _records.Values;

    public void Save(PendingInstall install)
    {
        if (FailSaves)
        {
            throw new IOException("No space left on device", 28);
        }

        _records[install.Thumbprint] = install with { SoftwareKey = install.SoftwareKey?.ToArray() };
        _owned.Add(install.Thumbprint);
        Saved++;
    }

    public void Complete(PendingInstall install)
    {
        _records.Remove(install.Thumbprint);
        _owned.Remove(install.Thumbprint);
        if (install.Renews is { } old)
        {
            _successors.TryAdd(old, install.Thumbprint);
        }
    }

    public void Release(string thumbprint) => _owned.Remove(thumbprint);

    /// <summary>What a restart does: no record is owned by a running issuance any more.</summary>
    public void Restart() => _owned.Clear();

    public IReadOnlyList<PendingInstall> Unfinished() =>
        [.. _records.Values.Where(r => !_owned.Contains(r.Thumbprint)).Select(r => r with { SoftwareKey = r.SoftwareKey?.ToArray() })];

    public string? SuccessorOf(string thumbprint) => _successors.GetValueOrDefault(thumbprint);

    public IReadOnlyDictionary<string, string> Successors() => new Dictionary<string, string>(_successors, StringComparer.OrdinalIgnoreCase);
}
