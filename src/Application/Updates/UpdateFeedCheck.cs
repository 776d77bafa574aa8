using System.Globalization;
using CertPlatform.Application.Checks;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Updates;

/// <summary>
/// The update feed as the updates feature last saw it (the manual's 1.2 and G003e): reachable and verified, a newer
/// or mandatory version, or the error of the last check. Checks once now when the helper has not checked yet.
/// </summary>
public sealed class UpdateFeedCheck(UpdateChecker checker, IOptions<UpdateOptions> options) : IFeatureCheck
{
    public async Task<DiagnosticCheck> RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsEnabled)
        {
            return DiagnosticCheck.Skipped(
                CheckNames.Updates,
                new("更新の確認先(Updates:FeedUrl)が設定されていないため、新しいバージョンは確認しません。", "No update feed is configured (Updates:FeedUrl); the helper does not look for new versions."));
        }

        if (checker.Last is null && checker.LastFailure is null)
        {
            try
            {
                await checker.CheckAsync(cancellationToken);
            }
            catch (CertPlatformException)
            {
                // Recorded as the checker's last failure, reported below.
            }
        }

        var facts = new Dictionary<string, string>(StringComparer.Ordinal) { ["feed"] = options.Value.FeedUri.GetLeftPart(UriPartial.Authority) };
        if (checker.LastFailure is { } failure && (checker.Last is not { } previous || failure.At >= previous.CheckedAt))
        {
            facts["checkedAt"] = Iso(failure.At);
            facts["failure"] = failure.Error.Code;
            return DiagnosticCheck.Problem(
                CheckNames.Updates, CheckStatus.Warning,
                new($"最後の更新確認に失敗しました({Iso(failure.At)}): {failure.Error.Message.Ja}", $"The last update check failed ({Iso(failure.At)}): {failure.Error.Message.En}"),
                failure.Error, facts);
        }

        var last = checker.Last!;
        facts["checkedAt"] = Iso(last.CheckedAt);
        facts["running"] = last.Running.ToString();
        facts["latest"] = last.Manifest?.Version.ToString() ?? string.Empty;
        if (last.Mandatory)
        {
            return DiagnosticCheck.Problem(
                CheckNames.Updates, CheckStatus.Failed,
                new($"ご利用中のバージョン {last.Running} はサポートが終了しました。新しいバージョン {last.Manifest?.Version} が必要です。", $"Version {last.Running} is no longer supported; version {last.Manifest?.Version} is required."),
                ErrorCatalog.G408e, facts);
        }

        if (last.Available)
        {
            return new DiagnosticCheck(
                CheckNames.Updates, CheckStatus.Warning,
                new($"新しいバージョン {last.Manifest?.Version} があります(ご利用中: {last.Running})。", $"A new version {last.Manifest?.Version} is available (running: {last.Running})."),
                new("画面の案内に従って新しいバージョンをダウンロードし、インストールしてください。", "Download and install the new version as the screen guides you."),
                Facts: facts);
        }

        return DiagnosticCheck.Ok(
            CheckNames.Updates,
            new($"最新のバージョンです({last.Running}、{Iso(last.CheckedAt)} に確認)。", $"Up to date ({last.Running}, checked {Iso(last.CheckedAt)})."),
            facts);
    }

    private static string Iso(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
