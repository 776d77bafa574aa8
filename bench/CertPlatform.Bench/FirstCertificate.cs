using System.Diagnostics;

namespace CertPlatform.Bench;

/// <summary>
/// What a customer meets (issue #19): the packaged helper started as a process, the bank's page waiting for
/// <c>/api/v1/status</c>, then one issuance into the default Linux store (a private NSS database here), then more.
/// Each round is a fresh process; "first start" is an empty data folder (just installed), "later start" the same
/// folder again (its sandbox CA, feed key and API token already there, the NSS database holding the earlier
/// rounds' certificates).
/// </summary>
public sealed class FirstCertificate(string helper, string root)
{
    /// <summary>One start: process start → status, the first issuance (request → answer), their sum, the warm issuances after it.</summary>
    public sealed record Start(double Status, double FirstIssuance, double Total, IReadOnlyList<double> Warm);

    public static string[] Arguments(string data) =>
    [
        $"--Helper:DataDirectory={data}", "--Store:Kind=Nss", $"--Store:NssDatabase={Path.Combine(data, "nssdb")}",
        "--Store:FirefoxProfiles=false", "--Security:RateLimits:Password:PermitLimit=100000",
    ];

    /// <summary>A first start on a new data folder, then a later start on it; returns both.</summary>
    public async Task<(Start First, Start Later)> RoundAsync(string keyAlgorithm, int warmSamples)
    {
        var data = Path.Combine(root, Guid.NewGuid().ToString("N"));
        var first = await StartOnceAsync(data, keyAlgorithm, warmSamples);
        var later = await StartOnceAsync(data, keyAlgorithm, warmSamples);
        return (first, later);
    }

    /// <summary>Idle resident memory one second after start, then one second after one issuance (MiB).</summary>
    public async Task<(double Idle, double AfterIssuance)> MemoryAsync(string keyAlgorithm)
    {
        var data = Path.Combine(root, Guid.NewGuid().ToString("N"));
        using var process = await HelperProcess.StartAsync(helper, Arguments(data));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var idle = process.ResidentMegabytes();
        using var client = process.PageClient(TimeSpan.FromSeconds(60));
        await ApiIssuance.IssueAsync(client, keyAlgorithm);
        await Task.Delay(TimeSpan.FromSeconds(1));
        return (idle, process.ResidentMegabytes());
    }

    private async Task<Start> StartOnceAsync(string data, string keyAlgorithm, int warmSamples)
    {
        using var process = await HelperProcess.StartAsync(helper, Arguments(data));
        using var client = process.PageClient(TimeSpan.FromSeconds(60));
        var started = Stopwatch.GetTimestamp();
        await ApiIssuance.IssueAsync(client, keyAlgorithm);
        var first = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var warm = new List<double>();
        for (var i = 0; i < warmSamples; i++)
        {
            started = Stopwatch.GetTimestamp();
            await ApiIssuance.IssueAsync(client, keyAlgorithm);
            warm.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new Start(process.StartMilliseconds, first, process.StartMilliseconds + first, warm);
    }
}

/// <summary>
/// The reference the targets are set against: a certificate made with <c>openssl</c> as two processes, a key and
/// request (<c>openssl req -newkey</c>), then the CA's signature (<c>openssl x509 -req</c>) with an ECDSA P-256
/// root like the sandbox's (ADR 0010), timed from the first process's start to the second's end.
/// </summary>
public static class OpenSslIssuance
{
    public static Stats Measure(string[] newKey, int samples)
    {
        var folder = Directory.CreateTempSubdirectory("certplatform-bench-openssl-").FullName;
        try
        {
            var ca = Path.Combine(folder, "ca.pem");
            var caKey = Path.Combine(folder, "ca.key");
            Run(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", caKey, "-out", ca, "-subj", "/CN=Bench CA", "-days", "30"]);
            var key = Path.Combine(folder, "k.pem");
            var csr = Path.Combine(folder, "r.csr");
            var certificate = Path.Combine(folder, "c.pem");
            var times = new List<double>();
            for (var i = 0; i <= samples; i++)
            {
                var started = Stopwatch.GetTimestamp();
                Run(["req", "-new", .. newKey, "-nodes", "-keyout", key, "-subj", "/O=Bench Bank/CN=demo01", "-out", csr]);
                Run(["x509", "-req", "-in", csr, "-CA", ca, "-CAkey", caKey, "-set_serial", (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "-days", "365", "-sha256", "-out", certificate]);
                if (i > 0)
                {
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds); // the first pair warms the page cache
                }
            }

            return Stats.Of(times);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Run(string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {arguments[0]} failed: {error}");
        }
    }
}
