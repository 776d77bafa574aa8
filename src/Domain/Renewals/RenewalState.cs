namespace CertPlatform.Domain.Renewals;

/// <summary>Where a renewal stands (the manual's 2.2.5: CCHK002, CCHK003, CCHK004, then CCHK007).</summary>
public enum RenewalState
{
    /// <summary>A certificate inside its renewal window was chosen; the login password is next.</summary>
    Started,

    /// <summary>The center accepted the password with the current certificate.</summary>
    PasswordVerified,

    /// <summary>The center asks for the one-time password (CCHK003).</summary>
    OtpRequired,

    /// <summary>The token's clock has drifted: the center asks for the current and the next code (CCHK004).</summary>
    TimeSyncRequired,

    /// <summary>The center gave a ticket; the new key, the request and the installation run now.</summary>
    Authorized,

    /// <summary>The new certificate is installed (CCHK007).</summary>
    Completed,

    /// <summary>A step was refused in a way that ends the renewal (locked, no token, CA refused…).</summary>
    Failed,

    /// <summary>No step came for too long; the user starts again.</summary>
    Expired,
}

/// <summary>What the user answers at a step of the renewal.</summary>
public enum RenewalInput
{
    Password,
    Otp,
    TimeSyncPair,
}
