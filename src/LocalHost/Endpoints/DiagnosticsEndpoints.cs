using CertPlatform.Application.Checks;
using CertPlatform.Application.Diagnostics;
using CertPlatform.LocalHost.Errors;
using CertPlatform.LocalHost.Support;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CertPlatform.LocalHost.Endpoints;

/// <summary>
/// Self-help and support (the manual's chapter 3): the diagnostics the FAQ has users do by hand, and the support
/// bundle support staff ask for.
/// </summary>
public static class DiagnosticsEndpoints
{
    /// <summary>One check as the screen shows it, in the request's language.</summary>
    /// <param name="Name">helper, store, clock, center, ca, proxy, updates or software.</param>
    /// <param name="Status">ok, warning, failed or skipped.</param>
    /// <param name="Remedy">What to do (the manual's remedy where it has one); null when the check is ok.</param>
    /// <param name="Code">The catalog code of the failure, when it has one.</param>
    /// <param name="Facts">Plain values for support staff: addresses, timings, versions.</param>
    public sealed record CheckResult(
        string Name, CheckStatus Status, string Detail, string? Remedy, string? Code, IReadOnlyDictionary<string, string>? Facts);

    /// <param name="Status">The worst status of the checks that ran.</param>
    public sealed record DiagnosticsResult(DateTimeOffset GeneratedAt, CheckStatus Status, IReadOnlyList<CheckResult> Checks);

    public static RouteGroupBuilder MapDiagnosticsApiV1(this RouteGroupBuilder api)
    {
        api.MapGet("/diagnostics", RunDiagnostics)
            .WithTags("Support")
            .WithName("RunDiagnostics")
            .WithSummary("Check the helper, the certificate store, the PC's clock, the way to the center and the CA, the update feed and conflicting software")
            .WithDescription(
                "What the manual's FAQ (chapter 3) has users check by hand. Each check is {name, status: ok|warning|failed|skipped, detail, remedy, code, facts}; " +
                "detail and remedy follow Accept-Language (ja, en). clock compares the PC with the center's clock (warning past Diagnostics:MaxClockSkewSeconds, G250e); " +
                "center and ca give the TLS result (name mismatch, untrusted, handshake failed: G207e; proxy 407: G009e; unreachable or timeout: G005e) with timings; " +
                "software looks for SMARTACCESS, HP Sure Click and HP Simple Pass (Windows only, G252e). Center and CA checks are skipped in Embedded mode.");

        api.MapGet("/support/bundle", DownloadBundle)
            .WithTags("Support")
            .WithName("DownloadSupportBundle")
            .WithSummary("Support staff: download a zip with the recent ApplicationLog.log, the diagnostics, the certificates and a configuration summary")
            .WithDescription(
                "For the support desk, instead of finding ApplicationLog.log by hand (manual 3.2). The zip holds ApplicationLog.log (the last " +
                "Diagnostics:BundleLogMegabytes MB, passed once more through the log's redaction check), diagnostics.json (every check in ja and en), " +
                "certificates.json (the list with expired and revoked ones: public facts only) and summary.json (version, platform, an allowlist of settings). " +
                "No secret is in it: passwords, one-time passwords and tickets never reach the log, and the proxy password and the API token are never included.")
            .Produces(StatusCodes.Status200OK, contentType: SupportBundle.ContentType);
        return api;
    }

    public static async Task<Ok<DiagnosticsResult>> RunDiagnostics(ISender sender, HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await sender.Send(new RunDiagnostics(), cancellationToken);
        var language = RequestLanguage.Of(request);
        return TypedResults.Ok(new DiagnosticsResult(
            report.GeneratedAt,
            report.Status,
            [.. report.Checks.Select(c => new CheckResult(c.Name, c.Status, c.Detail.For(language), c.Remedy?.For(language), c.Code, c.Facts))]));
    }

    public static async Task<FileContentHttpResult> DownloadBundle(SupportBundle bundle, CancellationToken cancellationToken)
    {
        var (fileName, content) = await bundle.CreateAsync(cancellationToken);
        return TypedResults.File(content, SupportBundle.ContentType, fileName);
    }
}
