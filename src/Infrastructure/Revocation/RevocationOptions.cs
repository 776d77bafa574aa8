namespace CertPlatform.Infrastructure.Revocation;

/// <summary>Configuration section <c>Revocation</c>: how the helper learns which certificates the bank revoked.</summary>
public sealed class RevocationOptions
{
    public const string Section = "Revocation";

    /// <summary>Read the CA's CRL (from the certificates' CRL Distribution Points) to mark revoked certificates.</summary>
    public bool CheckCrl { get; set; } = true;

    /// <summary>How long a fetched CRL is used before it is fetched again (its nextUpdate, if sooner, wins).</summary>
    public int CrlCacheMinutes { get; set; } = 15;

    /// <summary>How long fetching a CRL may take; the list does not wait longer for it.</summary>
    public int FetchTimeoutSeconds { get; set; } = 5;

    /// <summary>After a failed fetch, how long the last good CRL (or none) is used before trying again.</summary>
    public int RetryAfterFailureSeconds { get; set; } = 60;
}
