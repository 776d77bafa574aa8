using System.Text.Json.Serialization;
using CertPlatform.Domain.Errors;

namespace CertPlatform.Application.Checks;

/// <summary>The verdict of one check. Skipped: nothing to check here (no network in Embedded mode, not Windows).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckStatus>))]
public enum CheckStatus
{
    [JsonStringEnumMemberName("ok")]
    Ok,

    [JsonStringEnumMemberName("skipped")]
    Skipped,

    [JsonStringEnumMemberName("warning")]
    Warning,

    [JsonStringEnumMemberName("failed")]
    Failed,
}

/// <summary>
/// One diagnostic: what it looked at, its verdict, what it found in both languages, and, when it is not ok, what
/// to do (the manual's remedy where it has one) with the catalog code support staff know it by. Facts are plain
/// values for support (addresses, timings, versions), never a secret.
/// </summary>
public sealed record DiagnosticCheck(
    string Name,
    CheckStatus Status,
    LocalizedText Detail,
    LocalizedText? Remedy = null,
    string? Code = null,
    IReadOnlyDictionary<string, string>? Facts = null)
{
    public static DiagnosticCheck Ok(string name, LocalizedText detail, IReadOnlyDictionary<string, string>? facts = null) =>
        new(name, CheckStatus.Ok, detail, Facts: facts);

    public static DiagnosticCheck Skipped(string name, LocalizedText detail, IReadOnlyDictionary<string, string>? facts = null) =>
        new(name, CheckStatus.Skipped, detail, Facts: facts);

    /// <summary>A warning or failure with a catalog entry's remedy and code.</summary>
    public static DiagnosticCheck Problem(
        string name, CheckStatus status, LocalizedText detail, CatalogError error, IReadOnlyDictionary<string, string>? facts = null) =>
        new(name, status, detail, error.Remedy, error.Code, facts);
}

/// <summary>The names of the checks, as the API and the support bundle spell them.</summary>
public static class CheckNames
{
    public const string Helper = "helper";
    public const string Store = "store";
    public const string Clock = "clock";
    public const string Center = "center";
    public const string Ca = "ca";
    public const string Proxy = "proxy";
    public const string Updates = "updates";
    public const string Software = "software";
}

/// <summary>
/// A feature's check of itself for the diagnostics (the update feed as the updates feature last saw it), so that the
/// diagnostics report on a feature without using it.
/// </summary>
public interface IFeatureCheck
{
    Task<DiagnosticCheck> RunAsync(CancellationToken cancellationToken);
}
