using System.Diagnostics;
using System.Net.Http.Json;

namespace CertPlatform.Bench;

/// <summary>
/// Long use (issue #20): one helper, then many issuances in a row (P-256, the .NET store) and many list calls with
/// all of those certificates in the store. At checkpoints: resident memory, open files and the latency of the last
/// ten calls, so growth with the number of certificates shows (target: within 2× of the first checkpoint).
/// </summary>
public static class Soak
{
    public sealed record Checkpoint(string Phase, int Done, double LatencyMedian, double LatencyP99, double ResidentMegabytes, int OpenFiles);

    public static async Task<(double IdleMegabytes, IReadOnlyList<Checkpoint> Checkpoints, double SettledMegabytes)> RunAsync(
        HelperProcess helper, int issuances, int lists)
    {
        using var client = helper.PageClient(TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var idle = helper.ResidentMegabytes();
        var checkpoints = new List<Checkpoint>();
        var window = new List<double>();
        var marks = new HashSet<int> { 10, 100, 250, 500, 750, 1000, issuances };

        for (var i = 1; i <= issuances; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await ApiIssuance.IssueAsync(client, "ECDSA-P256");
            Record(window, started);
            if (marks.Contains(i))
            {
                checkpoints.Add(Mark("issuance", i, window, helper));
            }
        }

        var listMarks = new HashSet<int> { 10, 100, 500, 1000, lists };
        for (var i = 1; i <= lists; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(new Uri("/api/v1/certificates", UriKind.Relative));
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            if (body.GetProperty("certificates").GetArrayLength() < issuances)
            {
                throw new InvalidOperationException("The list lost certificates.");
            }

            Record(window, started);
            if (listMarks.Contains(i))
            {
                checkpoints.Add(Mark("list", i, window, helper));
            }
        }

        // After the work: a few seconds without use, then the resident set again.
        await Task.Delay(TimeSpan.FromSeconds(5));
        return (idle, checkpoints, helper.ResidentMegabytes());
    }

    private static void Record(List<double> window, long started)
    {
        window.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (window.Count > 10)
        {
            window.RemoveAt(0);
        }
    }

    private static Checkpoint Mark(string phase, int done, List<double> window, HelperProcess helper)
    {
        var stats = Stats.Of(window);
        return new Checkpoint(phase, done, stats.Median, stats.P99, helper.ResidentMegabytes(), helper.OpenFiles());
    }
}

/// <summary>The soak's table for the report and its lines for the README's summary.</summary>
public static class SoakReport
{
    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    public static string Table(double idle, IReadOnlyList<Soak.Checkpoint> points, double settled)
    {
        var table = new System.Text.StringBuilder();
        table.AppendLine(Inv, $"Idle before: {idle:0.0} MiB. Five seconds after the last call: {settled:0.0} MiB.").AppendLine();
        table.AppendLine("| phase | calls so far | last 10: median / p99 (ms) | resident (MiB) | open files |").AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var p in points)
        {
            table.AppendLine(Inv, $"| {p.Phase} | {p.Done} | {p.LatencyMedian:0.0} / {p.LatencyP99:0.0} | {p.ResidentMegabytes:0.0} | {p.OpenFiles} |");
        }

        return table.ToString();
    }

    public static string Summary(double idle, IReadOnlyList<Soak.Checkpoint> points, double settled)
    {
        var issued = points.Where(p => p.Phase == "issuance").ToList();
        var listed = points.Where(p => p.Phase == "list").ToList();
        var lines = new System.Text.StringBuilder();
        lines.AppendLine(Inv, $"| issuance after {issued[^1].Done} certificates (median of the last 10) | {issued[^1].LatencyMedian:0.0} ms | after {issued[0].Done}: {issued[0].LatencyMedian:0.0} ms | {issued[^1].LatencyMedian / issued[0].LatencyMedian:0.00}× (≤ 2×) |");
        lines.AppendLine(Inv, $"| list with {issued[^1].Done} certificates, call {listed[^1].Done} (median of the last 10) | {listed[^1].LatencyMedian:0.0} ms | call {listed[0].Done}: {listed[0].LatencyMedian:0.0} ms | {listed[^1].LatencyMedian / listed[0].LatencyMedian:0.00}× (≤ 2×) |");
        lines.AppendLine(Inv, $"| memory after the soak (5 s idle) | {settled:0} MiB | idle {idle:0} MiB; peak {points.Max(p => p.ResidentMegabytes):0} MiB | +{settled - idle:0} MiB |");
        lines.AppendLine(Inv, $"| open files after the soak | {points[^1].OpenFiles} | after {issued[0].Done} issuances: {issued[0].OpenFiles} | {points[^1].OpenFiles - issued[0].OpenFiles:+0;-0;0} |");
        return lines.ToString();
    }
}
