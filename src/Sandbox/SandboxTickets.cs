using System.Collections.Concurrent;
using System.Security.Cryptography;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Options;

namespace CertPlatform.Sandbox;

/// <summary>What a ticket allows: one enrollment of one subject, for a first issuance or the renewal of a certificate.</summary>
public sealed record TicketGrant(string LoginId, CertificateSubject Subject, string? RenewsThumbprint = null);

/// <summary>
/// One-time enrollment tickets. Only a hash of each ticket password is kept; redeeming removes the ticket,
/// so a ticket never authorizes two certificates.
/// </summary>
public sealed class SandboxTickets(TimeProvider time, IOptions<SandboxOptions> options)
{
    private readonly ConcurrentDictionary<string, (byte[] PasswordHash, DateTimeOffset ExpiresAt, TicketGrant Grant)> _open = new(StringComparer.Ordinal);

    public EnrollmentTicket Issue(TicketGrant grant)
    {
        var username = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var password = Base64Url(RandomNumberGenerator.GetBytes(32));
        var expiresAt = time.GetUtcNow().AddSeconds(options.Value.TicketLifetimeSeconds);
        _open[username] = (SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(password)), expiresAt, grant);
        return new EnrollmentTicket(username, password, expiresAt);
    }

    /// <exception cref="CertPlatformException">G205e when the ticket is unknown, used, wrong or expired.</exception>
    public TicketGrant Redeem(string username, string password)
    {
        if (!_open.TryRemove(username, out var entry))
        {
            throw new CertPlatformException(ErrorCatalog.G205e);
        }

        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(password));
        if (!CryptographicOperations.FixedTimeEquals(hash, entry.PasswordHash) || time.GetUtcNow() >= entry.ExpiresAt)
        {
            throw new CertPlatformException(ErrorCatalog.G205e);
        }

        return entry.Grant;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
