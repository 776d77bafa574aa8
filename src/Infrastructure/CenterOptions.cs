namespace CertPlatform.Infrastructure;

/// <summary>Which center and CA the helper talks to.</summary>
public enum CenterMode
{
    /// <summary>The sandbox center and CA inside the helper (the default: runs with one command).</summary>
    Embedded,

    /// <summary>The bank's center over HTTPS and its CA over EST (RFC 7030).</summary>
    Remote,
}

/// <summary>Configuration section <c>Center</c>.</summary>
public sealed class CenterOptions
{
    public const string Section = "Center";

    public CenterMode Mode { get; set; } = CenterMode.Embedded;
}
