namespace CertPlatform.Application.Diagnostics;

/// <summary>Configuration section <c>Diagnostics</c>.</summary>
public sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    /// <summary>How far the PC's clock may be from the center's before the clock check warns (seconds).</summary>
    public int MaxClockSkewSeconds { get; set; } = 300;

    /// <summary>How long a diagnostic request to the center or the CA may take before it counts as a timeout.</summary>
    public int ProbeTimeoutSeconds { get; set; } = 10;

    /// <summary>How much of the end of ApplicationLog.log goes into a support bundle (megabytes).</summary>
    public int BundleLogMegabytes { get; set; } = 5;

    public TimeSpan MaxClockSkew => TimeSpan.FromSeconds(MaxClockSkewSeconds);

    public TimeSpan ProbeTimeout => TimeSpan.FromSeconds(ProbeTimeoutSeconds);
}
