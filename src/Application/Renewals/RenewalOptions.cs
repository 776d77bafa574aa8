namespace CertPlatform.Application.Renewals;

/// <summary>Configuration section <c>Renewals</c>.</summary>
public sealed class RenewalOptions
{
    public const string Section = "Renewals";

    /// <summary>
    /// Minutes a renewal waits for the user's next step before it expires (G106e). Long enough to read the
    /// token twice a minute apart for time synchronisation, short enough that an abandoned renewal soon stops
    /// blocking a new one of the same certificate (G107e).
    /// </summary>
    public int IdleMinutes { get; set; } = 5;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleMinutes);
}
