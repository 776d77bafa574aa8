using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Sandbox;
using CertPlatform.TestSupport;

namespace CertPlatform.Sandbox.Tests;

public sealed class SandboxCertificateAuthorityTests : IDisposable
{
    private readonly SandboxFixture _sandbox = new();

    private SandboxCenter Center => _sandbox.Get<SandboxCenter>();

    private SandboxCertificateAuthority Ca => _sandbox.Get<SandboxCertificateAuthority>();

    [Fact]
    public async Task Signs_a_valid_request_for_the_authorized_subject_with_the_manuals_profile()
    {
        var authorization = await Authorize();
        using var key = RSA.Create(2048);

        using var issued = await Ca.EnrollAsync(Csr(authorization.Subject, key), authorization.Ticket, default);

        Assert.Equal(authorization.Subject, CertificationRequest.ReadSubject(issued.SubjectName));
        Assert.Equal(366, (issued.NotAfter - issued.NotBefore).TotalDays);
        Assert.Equal(32, issued.SerialNumber.Length);
        Assert.Contains(issued.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.2");
        Assert.False(issued.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.False(issued.HasPrivateKey);
        Assert.Single(_sandbox.Get<SandboxRegistry>().All, r => r.Thumbprint == issued.Thumbprint && r.LoginId == "demo01");
    }

    [Fact]
    public async Task The_registry_records_what_the_certificate_says()
    {
        var authorization = await Authorize();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        using var issued = await Ca.EnrollAsync(Csr(authorization.Subject, key), authorization.Ticket, default);

        var record = Assert.Single(_sandbox.Get<SandboxRegistry>().All);
        Assert.Equal(issued.Thumbprint, record.Thumbprint);
        Assert.Equal(issued.SerialNumber, record.SerialNumber, ignoreCase: true);
        Assert.Equal(issued.Subject, record.Subject);
        Assert.Equal(issued.NotBefore.ToUniversalTime(), record.NotBefore.UtcDateTime);
        Assert.Equal(issued.NotAfter.ToUniversalTime(), record.NotAfter.UtcDateTime);
    }

    [Fact]
    public async Task A_request_for_an_unknown_key_algorithm_is_G206e()
    {
        var authorization = await Authorize();
        using var key = RSA.Create(2048);
        var csr = Csr(authorization.Subject, key);
        // rsaEncryption (1.2.840.113549.1.1.1) becomes an arc no one knows, inside the signed part.
        var at = csr.AsSpan().IndexOf(new byte[] { 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01 });
        csr[at + 10] = 0x7F;

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => Ca.EnrollAsync(csr, authorization.Ticket, default));

        Assert.Same(ErrorCatalog.G206e, ex.Error);
        Assert.Empty(_sandbox.Get<SandboxRegistry>().All);
    }

    [Fact]
    public async Task Damaged_requests_are_each_refused_with_G206e_and_nothing_is_issued()
    {
        var authorization = await Authorize();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var valid = Csr(authorization.Subject, key);
        var grant = new TicketGrant("demo01", authorization.Subject);
        var random = new Random(20261202);
        var refused = 0;
        for (var i = 0; i < 300; i++)
        {
            var damaged = (byte[])valid.Clone();
            damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            try
            {
                // A flipped bit may still be a valid request (in an unused bit of the signature's encoding): then it is signed.
                _ = Ca.SignEncoded(damaged, grant);
            }
            catch (CertPlatformException ex)
            {
                Assert.Same(ErrorCatalog.G206e, ex.Error);
                refused++;
            }
        }

        Assert.True(refused >= 280, $"only {refused} of 300 damaged requests were refused");
        Assert.Equal(300 - refused, _sandbox.Get<SandboxRegistry>().All.Count);
    }

    [Fact]
    public async Task The_subject_names_bank_code_user_code_and_center_time()
    {
        var authorization = await Authorize();

        var centerTime = _sandbox.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(9));
        Assert.Equal("(2235)CERTPLATFORM SANDBOX BANK", authorization.Subject.Organization);
        Assert.Equal("(2235)CertPlatform Sandbox CA - G1", authorization.Subject.OrganizationalUnit);
        Assert.Equal($"demo01 A001 {centerTime:yyyyMMddHHmmssffffff}", authorization.Subject.CommonName);
    }

    [Fact]
    public async Task Refuses_a_request_whose_signature_is_broken()
    {
        var authorization = await Authorize();
        using var key = RSA.Create(2048);
        var csr = Csr(authorization.Subject, key);
        csr[^5] ^= 0x5A;

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => Ca.EnrollAsync(csr, authorization.Ticket, default));

        Assert.Same(ErrorCatalog.G206e, ex.Error);
    }

    [Fact]
    public async Task Refuses_a_request_for_another_subject()
    {
        var authorization = await Authorize();
        using var key = RSA.Create(2048);
        var other = authorization.Subject with { CommonName = "demo02 A002 20261126000000000000" };

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => Ca.EnrollAsync(Csr(other, key), authorization.Ticket, default));

        Assert.Same(ErrorCatalog.G206e, ex.Error);
        Assert.Empty(_sandbox.Get<SandboxRegistry>().All);
    }

    [Fact]
    public async Task Refuses_a_weak_key()
    {
        var authorization = await Authorize();
        using var key = RSA.Create(1024);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => Ca.EnrollAsync(Csr(authorization.Subject, key), authorization.Ticket, default));

        Assert.Same(ErrorCatalog.G206e, ex.Error);
    }

    [Fact]
    public async Task A_ticket_is_good_for_one_certificate_only()
    {
        var authorization = await Authorize();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var first = await Ca.EnrollAsync(Csr(authorization.Subject, key), authorization.Ticket, default);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => Ca.EnrollAsync(Csr(authorization.Subject, key), authorization.Ticket, default));

        Assert.Same(ErrorCatalog.G205e, ex.Error);
    }

    [Fact]
    public async Task A_forged_or_expired_ticket_is_refused()
    {
        var authorization = await Authorize();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = new EnrollmentTicket(authorization.Ticket.Username, "guessed-password", authorization.Ticket.ExpiresAt);

        var forgedError = await Assert.ThrowsAsync<CertPlatformException>(() => Ca.EnrollAsync(Csr(authorization.Subject, key), forged, default));
        var late = await Authorize();
        _sandbox.Time.Advance(TimeSpan.FromMinutes(6));
        var expiredError = await Assert.ThrowsAsync<CertPlatformException>(() => Ca.EnrollAsync(Csr(late.Subject, key), late.Ticket, default));

        Assert.Same(ErrorCatalog.G205e, forgedError.Error);
        Assert.Same(ErrorCatalog.G205e, expiredError.Error);
    }

    [Fact]
    public void The_root_is_created_once_and_reused_from_the_data_folder()
    {
        var first = _sandbox.Get<SandboxCaKeys>().PublicCertificate;
        var path = _sandbox.Get<SandboxCaKeys>().CertificatePath;

        using var again = new SandboxFixture(new() { ["Helper:DataDirectory"] = _sandbox.DataDirectory });
        var second = again.Get<SandboxCaKeys>().PublicCertificate;

        Assert.True(File.Exists(path));
        Assert.Equal(first.Thumbprint, second.Thumbprint);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Path.GetDirectoryName(path)!, "ca.key")));
        }
    }

    [Theory]
    [InlineData("demo01", "Wrong-Pass-01")]
    [InlineData("nobody1", "Sandbox-Pass-01")]
    public async Task Wrong_login_id_or_password_is_G101e(string loginId, string password)
    {
        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => Center.AuthorizeIssuanceAsync(LoginId.Parse(loginId), LoginPassword.Parse(password), default));

        Assert.Same(ErrorCatalog.G101e, ex.Error);
    }

    [Fact]
    public async Task Five_wrong_passwords_in_a_row_lock_the_user_for_a_while()
    {
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<CertPlatformException>(() => Center.AuthorizeIssuanceAsync(LoginId.Parse("demo01"), LoginPassword.Parse("Wrong-Pass-01"), default));
        }

        var fifth = await Assert.ThrowsAsync<CertPlatformException>(() => Center.AuthorizeIssuanceAsync(LoginId.Parse("demo01"), LoginPassword.Parse("Wrong-Pass-01"), default));
        var rightButLocked = await Assert.ThrowsAsync<CertPlatformException>(() => Authorize());
        _sandbox.Time.Advance(TimeSpan.FromMinutes(15));
        var afterLockout = await Authorize();

        Assert.Same(ErrorCatalog.G102e, fifth.Error);
        Assert.Same(ErrorCatalog.G102e, rightButLocked.Error);
        Assert.NotNull(rightButLocked.RetryAfter);
        Assert.NotNull(afterLockout.Ticket);
    }

    private Task<IssuanceAuthorization> Authorize() =>
        Center.AuthorizeIssuanceAsync(LoginId.Parse("demo01"), LoginPassword.Parse("Sandbox-Pass-01"), default);

    private static byte[] Csr(CertificateSubject subject, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => new CertificateRequest(CertificationRequest.ToX500Name(subject), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest(),
        ECDsa ec => new CertificateRequest(CertificationRequest.ToX500Name(subject), ec, HashAlgorithmName.SHA256).CreateSigningRequest(),
        _ => throw new NotSupportedException(),
    };

    public void Dispose() => _sandbox.Dispose();
}
