using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;

namespace CertPlatform.Application.Ports;

/// <summary>The bank's center: it knows the users and authorizes each enrollment with a one-time ticket.</summary>
public interface ICenterGateway
{
    /// <summary>Authenticates a user with login ID and password for a new certificate.</summary>
    /// <exception cref="Domain.Errors.CertPlatformException">G101e wrong credentials, G102e locked, G005e/G008e unavailable.</exception>
    Task<IssuanceAuthorization> AuthorizeIssuanceAsync(LoginId loginId, LoginPassword password, CancellationToken cancellationToken);
}

/// <summary>What the center answers to a successful authentication: the ticket for the CA and the subject it will sign.</summary>
public sealed record IssuanceAuthorization(EnrollmentTicket Ticket, CertificateSubject Subject);
