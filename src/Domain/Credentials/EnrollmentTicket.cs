namespace CertPlatform.Domain.Credentials;

/// <summary>
/// The center's one-time credential for one enrollment at the CA (EST HTTP Basic user name and password).
/// </summary>
public sealed class EnrollmentTicket : Secret
{
    public EnrollmentTicket(string username, string password, DateTimeOffset expiresAt)
        : base(password)
    {
        Username = username;
        ExpiresAt = expiresAt;
    }

    public string Username { get; }

    public DateTimeOffset ExpiresAt { get; }

    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;
}
