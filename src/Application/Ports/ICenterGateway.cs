using System.Security.Cryptography.X509Certificates;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;

namespace CertPlatform.Application.Ports;

/// <summary>The bank's center: it knows the users and authorizes each enrollment with a one-time ticket.</summary>
public interface ICenterGateway
{
    /// <summary>Authenticates a user with login ID and password for a new certificate.</summary>
    /// <exception cref="Domain.Errors.CertPlatformException">G101e wrong credentials, G102e locked, G005e/G008e unavailable.</exception>
    Task<IssuanceAuthorization> AuthorizeIssuanceAsync(LoginId loginId, LoginPassword password, CancellationToken cancellationToken);

    /// <summary>
    /// Starts the renewal of <paramref name="current"/> (which carries its private key: the center is shown
    /// possession of it, by TLS client authentication over HTTP or a signature in the sandbox) with the login password.
    /// </summary>
    Task<CenterRenewalStep> BeginRenewalAsync(X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken);

    /// <summary>Answers the center's one-time password question (CCHK003).</summary>
    Task<CenterRenewalStep> VerifyOtpAsync(string renewalId, OneTimePassword otp, CancellationToken cancellationToken);

    /// <summary>Answers the center's time synchronisation question with the current and next codes (CCHK004).</summary>
    Task<CenterRenewalStep> VerifyTimeSyncAsync(string renewalId, TimeSyncPair pair, CancellationToken cancellationToken);

    /// <summary>The center's clock, to compare the PC's with (the manual's FAQ: a wrong system date breaks certificates).</summary>
    /// <exception cref="Domain.Errors.CertPlatformException">G005e/G207e/G009e when the center cannot be reached.</exception>
    Task<DateTimeOffset> GetTimeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Revokes the user's own certificate: <paramref name="current"/> (with its key, proven as for a renewal) and the
    /// login password of the user it was issued to.
    /// </summary>
    /// <exception cref="Domain.Errors.CertPlatformException">
    /// G101e wrong password, G102e locked, G208e already revoked, BZBE011008 not a certificate of this center, G109e key not proven.
    /// </exception>
    Task<CenterRevocation> RevokeAsync(X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken);

    /// <summary>An administrator user revokes a certificate of another user of the same customer, named by its serial number.</summary>
    /// <exception cref="Domain.Errors.CertPlatformException">
    /// G101e wrong credentials, G102e locked, G253e not an administrator or not their user's certificate, G203e unknown serial, G208e already revoked.
    /// </exception>
    Task<CenterRevocation> RevokeAsAdministratorAsync(
        LoginId administrator, LoginPassword password, string serialNumber, CancellationToken cancellationToken);
}

/// <summary>The center's receipt for a revocation: which certificate, and since when it is revoked.</summary>
public sealed record CenterRevocation(string SerialNumber, string? Thumbprint, DateTimeOffset RevokedAt);

/// <summary>What the center answers to a successful authentication: the ticket for the CA and the subject it will sign.</summary>
public sealed record IssuanceAuthorization(EnrollmentTicket Ticket, CertificateSubject Subject);

/// <summary>What the center asks for next in a renewal.</summary>
public enum CenterRenewalNext
{
    Otp,
    TimeSync,
    Ticket,
}

/// <summary>
/// One answer of the center during a renewal: its renewal id, what it wants next, and, when
/// <see cref="Next"/> is <see cref="CenterRenewalNext.Ticket"/>, the ticket and the subject of the new certificate.
/// </summary>
public sealed record CenterRenewalStep(string RenewalId, CenterRenewalNext Next, EnrollmentTicket? Ticket = null, CertificateSubject? Subject = null);
