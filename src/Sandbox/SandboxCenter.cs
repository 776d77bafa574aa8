using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Sandbox;

/// <summary>
/// The embedded center: authenticates demo users and hands out one-time enrollment tickets. A renewal is the
/// current certificate (its key proven) with the login password, then the token's one-time password, then,
/// when the token's clock has drifted, the current and the next code. Five wrong passwords or codes in a row
/// lock the user. A user revokes their own certificate (shown with its key, and the password); the administrator
/// user (admin01) revokes the demo users' certificates by serial number.
/// </summary>
public sealed class SandboxCenter(
    SandboxAccounts accounts,
    SandboxTickets tickets,
    SandboxTokens tokens,
    SandboxRegistry registry,
    IOptions<SandboxOptions> options,
    IOptions<CertificateOptions> certificateOptions,
    TimeProvider time,
    ILogger<SandboxCenter> logger)
    : ICenterGateway
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CenterRenewal> _renewals = new(StringComparer.Ordinal);

    public Task<IssuanceAuthorization> AuthorizeIssuanceAsync(LoginId loginId, LoginPassword password, CancellationToken cancellationToken)
    {
        var user = accounts.Authenticate(loginId, password);
        var subject = SubjectFor(user);
        var ticket = tickets.Issue(new TicketGrant(user.LoginId, subject));
        return Task.FromResult(new IssuanceAuthorization(ticket, subject));
    }

    /// <summary>Proves possession of the current certificate's key in-process, then starts the renewal.</summary>
    public Task<CenterRenewalStep> BeginRenewalAsync(X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken)
    {
        using var publicCertificate = SandboxPossession.Prove(current);
        return Task.FromResult(BeginRenewalForVerifiedCertificate(publicCertificate, password));
    }

    /// <summary>
    /// Starts a renewal for a certificate whose key the caller has already proven (TLS client authentication in
    /// the HTTPS sandbox, a signed challenge in-process). The certificate must be one this sandbox issued, not
    /// revoked, inside its renewal window; its CN's login ID names the user whose password it must be.
    /// </summary>
    /// <exception cref="CertPlatformException">
    /// BZBE011008 not a certificate of this center, G208e revoked, G202e expired, G201e window not open,
    /// G101e wrong password, G102e locked, G014e no token registered.
    /// </exception>
    public CenterRenewalStep BeginRenewalForVerifiedCertificate(X509Certificate2 publicCertificate, LoginPassword password)
    {
        var user = RenewableUserOf(publicCertificate);
        accounts.Authenticate(LoginId.Parse(user.LoginId), password);
        if (user.TokenSecret is null)
        {
            logger.LogWarning("Sandbox center: {LoginId} has no registered token and cannot renew", user.LoginId);
            throw new CertPlatformException(ErrorCatalog.G014e);
        }

        lock (_gate)
        {
            var now = time.GetUtcNow();
            ForgetExpired(now);

            // A newer renewal of the same certificate replaces an abandoned one.
            foreach (var old in _renewals.Values.Where(r => r.Thumbprint == publicCertificate.Thumbprint).ToList())
            {
                _renewals.Remove(old.Id);
            }

            var renewal = new CenterRenewal(
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                user.LoginId,
                publicCertificate.Thumbprint,
                now.AddSeconds(options.Value.RenewalLifetimeSeconds));
            _renewals.Add(renewal.Id, renewal);
            logger.LogInformation("Sandbox center: renewal {RenewalId} of {Thumbprint} for {LoginId} waits for the one-time password",
                renewal.Id, renewal.Thumbprint, user.LoginId);
            return new CenterRenewalStep(renewal.Id, CenterRenewalNext.Otp);
        }
    }

    public Task<CenterRenewalStep> VerifyOtpAsync(string renewalId, OneTimePassword otp, CancellationToken cancellationToken) =>
        Task.FromResult(VerifyOtp(renewalId, otp));

    /// <summary>The one-time password step: a ticket, or time sync when the code shows the token's clock has drifted.</summary>
    /// <exception cref="CertPlatformException">
    /// G106e unknown or expired renewal, G108e not this step, G103e wrong code, G104e code already used, G102e locked.
    /// </exception>
    public CenterRenewalStep VerifyOtp(string renewalId, OneTimePassword otp)
    {
        lock (_gate)
        {
            var (renewal, user) = Awaiting(renewalId, CenterRenewalNext.Otp);
            var match = tokens.Match(user, otp);
            switch (match.Kind)
            {
                case TokenMatchKind.Accepted:
                    accounts.RecordAttempt(user, succeeded: true, ErrorCatalog.G103e);
                    SandboxTokens.Spend(user, match.Step);
                    return Authorize(renewal, user);
                case TokenMatchKind.Drifted:
                    // Nothing is authorized and nothing spent: the same code may start the pair.
                    renewal.Awaits = CenterRenewalNext.TimeSync;
                    logger.LogInformation("Sandbox center: renewal {RenewalId} needs time sync, {LoginId}'s token is off by {Steps} steps",
                        renewal.Id, user.LoginId, tokens.StepsAhead(user, match.Step));
                    return new CenterRenewalStep(renewal.Id, CenterRenewalNext.TimeSync);
                case TokenMatchKind.Replayed:
                    throw new CertPlatformException(ErrorCatalog.G104e);
                default:
                    throw Refuse(renewal, user, ErrorCatalog.G103e);
            }
        }
    }

    public Task<CenterRenewalStep> VerifyTimeSyncAsync(string renewalId, TimeSyncPair pair, CancellationToken cancellationToken) =>
        Task.FromResult(VerifyTimeSync(renewalId, pair));

    /// <summary>The time synchronisation step: two consecutive codes; the center then remembers the token's drift.</summary>
    /// <exception cref="CertPlatformException">
    /// G106e unknown or expired renewal, G108e not this step, G105e not two consecutive codes, G104e already used, G102e locked.
    /// </exception>
    public CenterRenewalStep VerifyTimeSync(string renewalId, TimeSyncPair pair)
    {
        lock (_gate)
        {
            var (renewal, user) = Awaiting(renewalId, CenterRenewalNext.TimeSync);
            var match = tokens.MatchPair(user, pair);
            switch (match.Kind)
            {
                case TokenMatchKind.Accepted:
                    accounts.RecordAttempt(user, succeeded: true, ErrorCatalog.G105e);
                    SandboxTokens.Spend(user, match.Step);
                    tokens.Resynchronise(user, match.Step);
                    logger.LogInformation("Sandbox center: {LoginId}'s token resynchronised, drift {Steps} steps", user.LoginId, user.SyncedDriftSteps);
                    return Authorize(renewal, user);
                case TokenMatchKind.Replayed:
                    throw new CertPlatformException(ErrorCatalog.G104e);
                default:
                    throw Refuse(renewal, user, ErrorCatalog.G105e);
            }
        }
    }

    /// <summary>The center's clock: the sandbox's (the helper's in Embedded mode, the bank's over HTTPS).</summary>
    public Task<DateTimeOffset> GetTimeAsync(CancellationToken cancellationToken) => Task.FromResult(time.GetUtcNow());

    /// <summary>Proves possession of the certificate's key in-process, then revokes it.</summary>
    public Task<CenterRevocation> RevokeAsync(X509Certificate2 current, LoginPassword password, CancellationToken cancellationToken)
    {
        using var publicCertificate = SandboxPossession.Prove(current);
        return Task.FromResult(RevokeVerifiedCertificate(publicCertificate, password));
    }

    /// <summary>
    /// Revokes a certificate whose key the caller has proven (TLS client authentication over HTTPS, a signed challenge
    /// in-process), with the password of the user it was issued to. An expired certificate may be revoked too.
    /// </summary>
    /// <exception cref="CertPlatformException">
    /// BZBE011008 not a certificate of this center, G101e wrong password, G102e locked, G208e already revoked.
    /// </exception>
    public CenterRevocation RevokeVerifiedCertificate(X509Certificate2 publicCertificate, LoginPassword password)
    {
        var record = registry.FindByThumbprint(publicCertificate.Thumbprint);
        var user = record is null ? null : accounts.Find(record.LoginId);
        if (record is null || user is null)
        {
            logger.LogWarning("Sandbox center: revocation of {Thumbprint} refused, not a certificate of the sandbox CA", publicCertificate.Thumbprint);
            throw new CertPlatformException(ErrorCatalog.BZBE011008);
        }

        accounts.Authenticate(LoginId.Parse(user.LoginId), password);
        return Revoke(record, user);
    }

    public Task<CenterRevocation> RevokeAsAdministratorAsync(
        LoginId administrator, LoginPassword password, string serialNumber, CancellationToken cancellationToken) =>
        Task.FromResult(RevokeAsAdministrator(administrator, password, serialNumber));

    /// <summary>
    /// The administrator user revokes a certificate of one of the demo users. The sandbox is one customer, so its
    /// administrator manages all its users; a bank's center checks that the certificate's user is the administrator's.
    /// </summary>
    /// <exception cref="CertPlatformException">
    /// G101e wrong credentials, G102e locked, G253e not an administrator, G203e no such certificate, G208e already revoked.
    /// </exception>
    public CenterRevocation RevokeAsAdministrator(LoginId administrator, LoginPassword password, string serialNumber)
    {
        var admin = accounts.Authenticate(administrator, password);
        if (!admin.IsAdministrator)
        {
            logger.LogWarning("Sandbox center: {LoginId} is not an administrator user and may not revoke {Serial}", admin.LoginId, serialNumber);
            throw new CertPlatformException(ErrorCatalog.G253e);
        }

        var record = registry.FindBySerialNumber(serialNumber) ?? throw new CertPlatformException(ErrorCatalog.G203e);
        var user = accounts.Find(record.LoginId) ?? throw new CertPlatformException(ErrorCatalog.G253e);
        return Revoke(record, admin, user);
    }

    private CenterRevocation Revoke(IssuedRecord record, SandboxUser by, SandboxUser? of = null)
    {
        if (record.RevokedAt is not null)
        {
            throw new CertPlatformException(ErrorCatalog.G208e);
        }

        var now = time.GetUtcNow();
        registry.Revoke(record.Thumbprint, now, by.LoginId);
        logger.LogInformation("Sandbox center: certificate {Serial} of {LoginId} revoked by {RevokedBy}", record.SerialNumber, (of ?? by).LoginId, by.LoginId);
        return new CenterRevocation(record.SerialNumber, record.Thumbprint, now);
    }

    internal CertificateSubject SubjectFor(SandboxUser user)
    {
        var o = options.Value;
        var centerTime = time.GetUtcNow().ToOffset(o.CenterUtcOffset);
        return CertificateSubject.For(o.BankCode, o.OrganizationName, o.CaName, LoginId.Parse(user.LoginId), user.UserCode, centerTime);
    }

    /// <summary>
    /// The user a certificate may be renewed for: one this sandbox issued, not revoked, in its window, whose CN
    /// names the user it was issued to. Shared with the CA's re-enrollment checks.
    /// </summary>
    internal static SandboxUser RenewableUserOf(
        X509Certificate2 publicCertificate, SandboxRegistry registry, SandboxAccounts accounts, CertificateLifetimePolicy policy, DateTimeOffset now, ILogger logger)
    {
        var record = registry.FindByThumbprint(publicCertificate.Thumbprint);
        if (record is null)
        {
            logger.LogWarning("Sandbox center: certificate {Thumbprint} was not issued by the sandbox CA", publicCertificate.Thumbprint);
            throw new CertPlatformException(ErrorCatalog.BZBE011008);
        }

        if (record.RevokedAt is not null)
        {
            throw new CertPlatformException(ErrorCatalog.G208e);
        }

        if (record.SupersededBy is not null)
        {
            logger.LogWarning("Sandbox center: certificate {Thumbprint} was already renewed by {Successor}", record.Thumbprint, record.SupersededBy);
            throw new CertPlatformException(ErrorCatalog.G211e);
        }

        var notAfter = new DateTimeOffset(publicCertificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        switch (policy.StatusAt(notAfter, now))
        {
            case RenewalStatus.Expired:
                throw new CertPlatformException(ErrorCatalog.G202e);
            case RenewalStatus.NotYetOpen:
                throw new CertPlatformException(ErrorCatalog.G201e);
        }

        var loginId = CertificationRequest.ReadSubject(publicCertificate.SubjectName)?.LoginIdPart();
        var user = loginId is null ? null : accounts.Find(loginId);
        if (user is null || !string.Equals(loginId, record.LoginId, StringComparison.Ordinal))
        {
            logger.LogWarning("Sandbox center: certificate {Thumbprint} does not name the user it was issued to", publicCertificate.Thumbprint);
            throw new CertPlatformException(ErrorCatalog.BZBE011008);
        }

        return user;
    }

    private SandboxUser RenewableUserOf(X509Certificate2 publicCertificate) =>
        RenewableUserOf(publicCertificate, registry, accounts, certificateOptions.Value.Policy, time.GetUtcNow(), logger);

    private (CenterRenewal Renewal, SandboxUser User) Awaiting(string renewalId, CenterRenewalNext step)
    {
        ForgetExpired(time.GetUtcNow());
        if (!_renewals.TryGetValue(renewalId, out var renewal))
        {
            throw new CertPlatformException(ErrorCatalog.G106e);
        }

        if (renewal.Awaits != step)
        {
            throw new CertPlatformException(ErrorCatalog.G108e);
        }

        var user = accounts.Find(renewal.LoginId) ?? throw new CertPlatformException(ErrorCatalog.G106e);
        try
        {
            accounts.EnsureNotLocked(user);
        }
        catch (CertPlatformException)
        {
            _renewals.Remove(renewal.Id);
            throw;
        }

        return (renewal, user);
    }

    /// <summary>Counts a wrong code; the renewal ends when that locks the user.</summary>
    private CertPlatformException Refuse(CenterRenewal renewal, SandboxUser user, CatalogError failure)
    {
        try
        {
            accounts.RecordAttempt(user, succeeded: false, failure);
            return new CertPlatformException(failure);
        }
        catch (CertPlatformException ex)
        {
            if (ex.Error == ErrorCatalog.G102e)
            {
                _renewals.Remove(renewal.Id);
                logger.LogWarning("Sandbox center: {LoginId} locked after repeated wrong codes; renewal {RenewalId} ended", user.LoginId, renewal.Id);
            }

            return ex;
        }
    }

    private CenterRenewalStep Authorize(CenterRenewal renewal, SandboxUser user)
    {
        _renewals.Remove(renewal.Id);
        var subject = SubjectFor(user);
        var ticket = tickets.Issue(new TicketGrant(user.LoginId, subject, renewal.Thumbprint));
        logger.LogInformation("Sandbox center: renewal {RenewalId} of {Thumbprint} authorized", renewal.Id, renewal.Thumbprint);
        return new CenterRenewalStep(renewal.Id, CenterRenewalNext.Ticket, ticket, subject);
    }

    private void ForgetExpired(DateTimeOffset now)
    {
        foreach (var expired in _renewals.Values.Where(r => now >= r.ExpiresAt).ToList())
        {
            _renewals.Remove(expired.Id);
        }
    }

    private sealed class CenterRenewal(string id, string loginId, string thumbprint, DateTimeOffset expiresAt)
    {
        public string Id { get; } = id;

        public string LoginId { get; } = loginId;

        public string Thumbprint { get; } = thumbprint;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public CenterRenewalNext Awaits { get; set; } = CenterRenewalNext.Otp;
    }
}
