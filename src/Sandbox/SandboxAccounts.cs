using System.Security.Cryptography;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Options;

namespace CertPlatform.Sandbox;

/// <summary>A demo user of the sandbox center. The token fields serve the renewal's one-time passwords.</summary>
public sealed class SandboxUser(
    string loginId, string userCode, byte[] salt, byte[] passwordHash, string? tokenSecret, int tokenDriftSeconds, bool isAdministrator = false)
{
    public string LoginId { get; } = loginId;

    public string UserCode { get; } = userCode;

    /// <summary>An administrator user (管理者ユーザー): may revoke the other users' certificates.</summary>
    public bool IsAdministrator { get; } = isAdministrator;

    internal byte[] Salt { get; } = salt;

    internal byte[] PasswordHash { get; } = passwordHash;

    /// <summary>Base32 TOTP secret, or null when the user has not registered a token (G014e).</summary>
    public string? TokenSecret { get; } = tokenSecret;

    /// <summary>How far the user's hardware token clock runs ahead of the center (seconds).</summary>
    public int TokenDriftSeconds { get; set; } = tokenDriftSeconds;

    /// <summary>The token's drift in steps as the center measured it at the last time synchronisation.</summary>
    internal long SyncedDriftSteps { get; set; }

    /// <summary>The last token step whose code authorized something; no code up to it is accepted again.</summary>
    internal long? LastSpentStep { get; set; }

    internal int FailedAttempts { get; set; }

    internal DateTimeOffset? LockedUntil { get; set; }
}

/// <summary>
/// The sandbox's users, passwords kept only as PBKDF2 hashes, with the lockout rule: five wrong passwords or
/// codes in a row lock the user for <see cref="SandboxOptions.LockoutMinutes"/>.
/// </summary>
public sealed class SandboxAccounts
{
    /// <summary>The base32 secret all demo tokens share (a well-known demo secret, so any authenticator app can show the codes).</summary>
    public const string DemoTokenSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    // Deliberately cheap: it guards demo passwords printed in the README, and the bench measures the helper, not
    // the hash. A real center uses its own, much slower scheme (and its own rate limits and lockout).
    private const int Iterations = 1_000;

    private readonly Dictionary<string, SandboxUser> _users;
    private readonly TimeProvider _time;
    private readonly SandboxOptions _options;
    private readonly Lock _gate = new();

    public SandboxAccounts(IOptions<SandboxOptions> options, TimeProvider time)
    {
        _time = time;
        _options = options.Value;
        _users = new Dictionary<string, SandboxUser>(StringComparer.Ordinal)
        {
            ["demo01"] = Create("demo01", "A001", _options.DemoPassword, DemoTokenSecret, 0),
            ["demo02"] = Create("demo02", "A002", _options.DemoPassword, DemoTokenSecret, 300),
            ["demo03"] = Create("demo03", "A003", _options.DemoPassword, null, 0),
            ["admin01"] = Create("admin01", "A900", _options.DemoPassword, DemoTokenSecret, 0, isAdministrator: true),
        };
    }

    public IReadOnlyCollection<SandboxUser> Users => _users.Values;

    public SandboxUser? Find(string loginId) => _users.GetValueOrDefault(loginId);

    /// <exception cref="CertPlatformException">G101e wrong login ID or password, G102e locked.</exception>
    public SandboxUser Authenticate(LoginId loginId, LoginPassword password)
    {
        var user = Find(loginId.Value);
        if (user is null)
        {
            // Same work as a real check, so the answer time does not tell which login IDs exist.
            _ = Hash(password.Reveal(), new byte[16]);
            throw new CertPlatformException(ErrorCatalog.G101e);
        }

        EnsureNotLocked(user);
        var matches = CryptographicOperations.FixedTimeEquals(Hash(password.Reveal(), user.Salt), user.PasswordHash);
        RecordAttempt(user, matches, ErrorCatalog.G101e);
        return user;
    }

    /// <exception cref="CertPlatformException">G102e while the user is locked.</exception>
    public void EnsureNotLocked(SandboxUser user)
    {
        lock (_gate)
        {
            if (user.LockedUntil is { } until && _time.GetUtcNow() < until)
            {
                throw new CertPlatformException(ErrorCatalog.G102e, retryAfter: until - _time.GetUtcNow());
            }
        }
    }

    /// <summary>Counts a failure (and throws <paramref name="failure"/>, or G102e when it locks), or clears the count.</summary>
    public void RecordAttempt(SandboxUser user, bool succeeded, CatalogError failure)
    {
        lock (_gate)
        {
            if (succeeded)
            {
                user.FailedAttempts = 0;
                user.LockedUntil = null;
                return;
            }

            user.FailedAttempts++;
            if (user.FailedAttempts >= _options.LockoutThreshold)
            {
                user.FailedAttempts = 0;
                var lockout = TimeSpan.FromMinutes(_options.LockoutMinutes);
                user.LockedUntil = _time.GetUtcNow() + lockout;
                throw new CertPlatformException(ErrorCatalog.G102e, retryAfter: lockout);
            }
        }

        throw new CertPlatformException(failure);
    }

    private static SandboxUser Create(string loginId, string userCode, string password, string? tokenSecret, int drift, bool isAdministrator = false)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new SandboxUser(loginId, userCode, salt, Hash(password, salt), tokenSecret, drift, isAdministrator);
    }

    private static byte[] Hash(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 32);
}
