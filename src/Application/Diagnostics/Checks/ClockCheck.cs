using System.Globalization;
using CertPlatform.Application.Checks;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Diagnostics.Checks;

/// <summary>
/// The PC's clock against the center's (the manual's FAQ 3.1.2: is the system date wrong, outside the certificate's
/// validity?). The PC's time is taken half way through the request, so the round trip does not count as skew.
/// </summary>
public sealed class ClockCheck(ICenterGateway center, TimeProvider time, IOptions<DiagnosticsOptions> options)
{
    public async Task<DiagnosticCheck> RunAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow();
        DateTimeOffset centerTime;
        try
        {
            centerTime = await center.GetTimeAsync(cancellationToken);
        }
        catch (CertPlatformException ex)
        {
            return DiagnosticCheck.Skipped(
                CheckNames.Clock,
                new($"センターの時刻を取得できないため、比較できませんでした({ex.Error.Code})。パソコンの時刻: {before:yyyy-MM-dd HH:mm:ss} UTC",
                    $"The center's clock could not be read ({ex.Error.Code}), so nothing was compared. PC time: {before:yyyy-MM-dd HH:mm:ss} UTC"),
                new Dictionary<string, string>(StringComparer.Ordinal) { ["pcTime"] = Iso(before), ["failure"] = ex.Error.Code });
        }

        var after = time.GetUtcNow();
        var pcTime = before + ((after - before) / 2);
        var skew = pcTime - centerTime;
        var seconds = (long)Math.Round(Math.Abs(skew.TotalSeconds));
        var limit = options.Value.MaxClockSkewSeconds;
        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["pcTime"] = Iso(pcTime),
            ["centerTime"] = Iso(centerTime),
            ["skewSeconds"] = ((long)Math.Round(skew.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            ["maxSkewSeconds"] = limit.ToString(CultureInfo.InvariantCulture),
        };
        var (ja, en) = skew >= TimeSpan.Zero ? ("進んで", "ahead of") : ("遅れて", "behind");
        var detail = seconds == 0
            ? new LocalizedText($"パソコンの時計はセンターの時計と合っています(許容範囲 {limit} 秒)。", $"The PC's clock agrees with the center's (allowed: {limit} s).")
            : new LocalizedText(
                $"パソコンの時計はセンターより {seconds} 秒{ja}います(許容範囲 {limit} 秒)。",
                $"The PC's clock is {seconds} s {en} the center's (allowed: {limit} s).");

        return skew.Duration() > options.Value.MaxClockSkew
            ? DiagnosticCheck.Problem(CheckNames.Clock, CheckStatus.Warning, detail, ErrorCatalog.G250e, facts)
            : DiagnosticCheck.Ok(CheckNames.Clock, detail, facts);
    }

    private static string Iso(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
