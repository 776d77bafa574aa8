using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Sandbox.Bank;

/// <summary>Who is logged in to the sandbox bank, how, and what the top page tells them about their certificate.</summary>
public sealed record BankSession(
    string Id,
    string LoginId,
    BankLoginMethod Method,
    string? CommonName,
    DateTimeOffset? CertificateNotAfter,
    DateTimeOffset? RenewalOpensAt,
    bool RenewalOpen,
    DateTimeOffset ExpiresAt);

public enum BankLoginMethod
{
    Certificate,
    Password,
}

/// <summary>
/// The sandbox bank's login (BLGI001): with the client certificate the browser presented in the TLS handshake, or
/// with login ID and password. A certificate logs in only when it chains to the sandbox root, is valid now, is for
/// client authentication, and the sandbox CA issued it and has not revoked it. After login, the top page announces
/// renewal from 40 days before the certificate expires, as the manual says the bank does.
/// </summary>
public sealed class SandboxBank(
    SandboxCaKeys keys,
    SandboxRegistry registry,
    SandboxAccounts accounts,
    IOptions<CertificateOptions> certificates,
    TimeProvider time,
    ILogger<SandboxBank> logger)
{
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, BankSession> _sessions = new(StringComparer.Ordinal);

    /// <exception cref="CertPlatformException">G232e when no valid, unrevoked certificate of the sandbox CA was presented.</exception>
    public BankSession LoginWithCertificate(X509Certificate2? presented)
    {
        if (presented is null)
        {
            logger.LogInformation(new EventId(2320, "BankCertificateMissing"), "Certificate login refused: the browser presented no certificate");
            throw new CertPlatformException(ErrorCatalog.G232e);
        }

        var now = time.GetUtcNow();
        if (!ChainsToTheSandboxRoot(presented, now))
        {
            logger.LogInformation(new EventId(2321, "BankCertificateUntrusted"), "Certificate login refused for {Subject}: not a valid client certificate of the sandbox CA", presented.Subject);
            throw new CertPlatformException(ErrorCatalog.G232e);
        }

        var record = registry.FindByThumbprint(presented.Thumbprint);
        if (record is null || record.RevokedAt is not null)
        {
            logger.LogInformation(new EventId(2322, "BankCertificateRevoked"), "Certificate login refused for {Thumbprint}: {Reason}",
                presented.Thumbprint, record is null ? "not in the register" : "revoked");
            throw new CertPlatformException(ErrorCatalog.G232e);
        }

        var notAfter = new DateTimeOffset(presented.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var session = Open(record.LoginId, BankLoginMethod.Certificate, presented.GetNameInfo(X509NameType.SimpleName, false), notAfter, now);
        logger.LogInformation(new EventId(2323, "BankCertificateLogin"), "{LoginId} logged in to the sandbox bank with certificate {Thumbprint}", record.LoginId, presented.Thumbprint);
        return session;
    }

    /// <exception cref="CertPlatformException">G101e wrong login ID or password, G102e locked.</exception>
    public BankSession LoginWithPassword(LoginId loginId, LoginPassword password)
    {
        var user = accounts.Authenticate(loginId, password);
        var now = time.GetUtcNow();
        // The top page speaks of the user's newest certificate that still works.
        var newest = registry.All
            .Where(r => r.LoginId == user.LoginId && r.RevokedAt is null && r.NotAfter >= now)
            .MaxBy(r => r.NotAfter);
        var commonName = newest is null ? null : new X500DistinguishedName(newest.Subject).GetCommonName();
        var session = Open(user.LoginId, BankLoginMethod.Password, commonName, newest?.NotAfter, now);
        logger.LogInformation(new EventId(2324, "BankPasswordLogin"), "{LoginId} logged in to the sandbox bank with login ID and password", user.LoginId);
        return session;
    }

    public BankSession? Find(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId) || !_sessions.TryGetValue(sessionId, out var session))
        {
            return null;
        }

        if (session.ExpiresAt <= time.GetUtcNow())
        {
            _sessions.TryRemove(sessionId, out _);
            return null;
        }

        // The renewal notice follows the clock, not the moment of login.
        return WithRenewal(session, time.GetUtcNow());
    }

    public void Logout(string? sessionId)
    {
        if (!string.IsNullOrEmpty(sessionId))
        {
            _sessions.TryRemove(sessionId, out _);
        }
    }

    private BankSession Open(string loginId, BankLoginMethod method, string? commonName, DateTimeOffset? notAfter, DateTimeOffset now)
    {
        foreach (var (id, stale) in _sessions)
        {
            if (stale.ExpiresAt <= now)
            {
                _sessions.TryRemove(id, out _);
            }
        }

        var session = WithRenewal(
            new BankSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), loginId, method, commonName, notAfter, null, false, now + SessionLifetime),
            now);
        _sessions[session.Id] = session;
        return session;
    }

    private BankSession WithRenewal(BankSession session, DateTimeOffset now)
    {
        if (session.CertificateNotAfter is not { } notAfter)
        {
            return session;
        }

        var policy = certificates.Value.Policy;
        return session with
        {
            RenewalOpensAt = policy.RenewalOpensAt(notAfter),
            RenewalOpen = policy.StatusAt(notAfter, now) == RenewalStatus.Open,
        };
    }

    private bool ChainsToTheSandboxRoot(X509Certificate2 presented, DateTimeOffset now)
    {
        using var root = keys.PublicCertificate;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        // The sandbox's register is its revocation list; there is no CRL to fetch.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(Oids.ClientAuthentication));
        var valid = chain.Build(presented);
        foreach (var element in chain.ChainElements)
        {
            element.Certificate.Dispose();
        }

        return valid;
    }
}

internal static class DistinguishedNames
{
    public static string? GetCommonName(this X500DistinguishedName name) =>
        name.EnumerateRelativeDistinguishedNames().Where(r => r.GetSingleElementType().Value == "2.5.4.3")
            .Select(r => r.GetSingleElementValue()).LastOrDefault();
}
