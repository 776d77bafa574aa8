using System.Diagnostics;
using System.Net.Http.Json;

namespace CertPlatform.Bench;

/// <summary>Issuance end to end as the browser does it: a POST to the running helper, timed at the client.</summary>
public static class ApiIssuance
{
    public static async Task<Stats> MeasureAsync(HelperProcess helper, string keyAlgorithm, int samples)
    {
        using var client = helper.PageClient(TimeSpan.FromSeconds(60));
        await IssueAsync(client, keyAlgorithm); // warm-up
        var samplesMs = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await IssueAsync(client, keyAlgorithm);
            samplesMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return Stats.Of(samplesMs);
    }

    public static async Task IssueAsync(HttpClient client, string keyAlgorithm)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/certificates/issue", new { loginId = "demo01", password = "Sandbox-Pass-01", keyAlgorithm });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Issuance failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
