namespace CertPlatform.Domain.Certificates;

/// <summary>Where a certificate stands on its way to renewal.</summary>
public enum RenewalStatus
{
    /// <summary>Valid, but the renewal window has not opened yet.</summary>
    NotYetOpen,

    /// <summary>Inside the renewal window: from 40 days before NotAfter up to NotAfter itself.</summary>
    Open,

    /// <summary>Past NotAfter: never renewable; recovery is revocation and a new issuance.</summary>
    Expired,
}

/// <summary>
/// The manual's lifetime rules: a certificate is valid for 366 days, renewal opens 40 days before it expires,
/// and an expired certificate is never renewed. NotAfter is inclusive (RFC 5280 4.1.2.5).
/// </summary>
public sealed record CertificateLifetimePolicy(TimeSpan Lifetime, TimeSpan RenewalLead)
{
    public static readonly TimeSpan StandardLifetime = TimeSpan.FromDays(366);
    public static readonly TimeSpan StandardRenewalLead = TimeSpan.FromDays(40);

    public static CertificateLifetimePolicy Standard { get; } = new(StandardLifetime, StandardRenewalLead);

    public DateTimeOffset RenewalOpensAt(DateTimeOffset notAfter) => notAfter - RenewalLead;

    public RenewalStatus StatusAt(DateTimeOffset notAfter, DateTimeOffset now)
    {
        if (now > notAfter)
        {
            return RenewalStatus.Expired;
        }

        return now >= RenewalOpensAt(notAfter) ? RenewalStatus.Open : RenewalStatus.NotYetOpen;
    }

    /// <summary>Whole days until NotAfter, rounded down; 0 on the last day, negative once expired.</summary>
    public static int DaysLeft(DateTimeOffset notAfter, DateTimeOffset now) =>
        (int)Math.Floor((notAfter - now).TotalDays);

    /// <summary>The validity an issuing CA gives a certificate signed at <paramref name="issuedAt"/>.</summary>
    public (DateTimeOffset NotBefore, DateTimeOffset NotAfter) ValidityFrom(DateTimeOffset issuedAt) =>
        (issuedAt, issuedAt + Lifetime);
}
