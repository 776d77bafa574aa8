using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;

namespace CertPlatform.Application.Tests.Fakes;

public sealed class FakeCenter(TimeProvider time) : ICenterGateway
{
    public const string Password = "Sandbox-Pass-01";

    public CertificateSubject Subject { get; set; } = new("(2235)TEST BANK", "(2235)TEST CA", "demo01 A001 20261126000000000000");

    public int Calls { get; private set; }

    public Task<IssuanceAuthorization> AuthorizeIssuanceAsync(LoginId loginId, LoginPassword password, CancellationToken cancellationToken)
    {
        Calls++;
        if (!password.Matches(Password))
        {
            throw new CertPlatformException(ErrorCatalog.G101e);
        }

        return Task.FromResult(new IssuanceAuthorization(new EnrollmentTicket("t", "ticket-secret", time.GetUtcNow().AddMinutes(5)), Subject));
    }

    public Task<CenterRenewalStep> BeginRenewalAsync(X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<CenterRenewalStep> VerifyOtpAsync(string renewalId, OneTimePassword otp, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<CenterRenewalStep> VerifyTimeSyncAsync(string renewalId, TimeSyncPair pair, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    /// <summary>The center's clock: the test's, moved by this much (a PC whose clock is wrong sees the center's as moved).</summary>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>When set, reading the center's clock fails with this (the center cannot be reached).</summary>
    public CatalogError? TimeFailure { get; set; }

    public List<string> Revoked { get; } = [];

    public Task<DateTimeOffset> GetTimeAsync(CancellationToken cancellationToken) =>
        TimeFailure is { } failure ? throw new CertPlatformException(failure) : Task.FromResult(time.GetUtcNow() + ClockOffset);

    public Task<CenterRevocation> RevokeAsync(X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken)
    {
        Calls++;
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
        Calls++;
        return administrator.Value == "admin01" && password.Matches(Password)
            ? Task.FromResult(new CenterRevocation(serialNumber, null, time.GetUtcNow()))
            : throw new CertPlatformException(administrator.Value == "admin01" ? ErrorCatalog.G101e : ErrorCatalog.G253e);
    }
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

/// <summary>A CA that signs with <see cref="TestCa"/>, or misbehaves as a test asks.</summary>
public sealed class FakeAuthority(TestCa ca, TimeProvider time) : ICertificateAuthority
{
    public Func<byte[], X509Certificate2>? Override { get; set; }

    public Task<IReadOnlyList<X509Certificate2>> GetCaCertificatesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<X509Certificate2>>([]);

    public Task<X509Certificate2> EnrollAsync(byte[] certificationRequest, EnrollmentTicket ticket, CancellationToken cancellationToken) =>
        Task.FromResult(Override?.Invoke(certificationRequest) ?? ca.Sign(certificationRequest, time.GetUtcNow()));

    public Task<X509Certificate2> ReenrollAsync(byte[] certificationRequest, EnrollmentTicket ticket, X509Certificate2 current, CancellationToken cancellationToken) =>
        EnrollAsync(certificationRequest, ticket, cancellationToken);
}

public sealed class FakeTrustAnchors(TestCa ca) : ITrustAnchors
{
    public IReadOnlyList<X509Certificate2> Roots => [ca.Root];

    public IReadOnlyList<X509Certificate2> IssuingCertificates => [ca.Root];
}

public sealed class InMemoryStore : ICertificateStore
{
    private readonly List<X509Certificate2> _certificates = [];

    public Exception? FailOnAdd { get; set; }

    public string Description => "memory";

    /// <summary>Lists certificates without their keys and answers <see cref="HoldsPrivateKeyOf"/> apart, as the NSS store does.</summary>
    public bool ListsWithoutKeys { get; set; }

    public IReadOnlyList<X509Certificate2> List() =>
        [.. _certificates.Select(c => ListsWithoutKeys ? X509CertificateLoader.LoadCertificate(c.RawData) : Copy(c))];

    public bool HoldsPrivateKeyOf(X509Certificate2 certificate) =>
        _certificates.Exists(c => c.Thumbprint == certificate.Thumbprint && c.HasPrivateKey);

    /// <summary>A CA certificate trusted in the store, without a key (certutil -A).</summary>
    public void AddTrusted(X509Certificate2 certificate) => _certificates.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));

    public X509Certificate2? Find(string thumbprint) =>
        _certificates.Where(c => c.Thumbprint.Equals(thumbprint, StringComparison.OrdinalIgnoreCase)).Select(Copy).FirstOrDefault();

    public void Add(X509Certificate2 certificateWithKey)
    {
        if (FailOnAdd is not null)
        {
            throw FailOnAdd;
        }

        _certificates.Add(Copy(certificateWithKey));
    }

    public void Remove(string thumbprint) => _certificates.RemoveAll(c => c.Thumbprint == thumbprint);

    public int Count => _certificates.Count;

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

    public GeneratedKey Create(KeyAlgorithm algorithm)
    {
        Created++;
        AsymmetricAlgorithm key = algorithm == KeyAlgorithm.EcdsaP256 ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(algorithm == KeyAlgorithm.Rsa3072 ? 3072 : 2048);
        return new GeneratedKey(algorithm, key, () => Discarded++);
    }
}
