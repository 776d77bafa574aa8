namespace CertPlatform.Bench;

/// <summary>
/// Cold start, interleaved: a helper on an empty data folder (first start), the helper again on that folder
/// (later start), then the bare app; one round after another so that load from elsewhere on the machine falls
/// on all three alike.
/// </summary>
public sealed class ColdStart(string helper, string bare)
{
    public List<double> FirstHelper { get; } = [];

    public List<double> LaterHelper { get; } = [];

    public List<double> Bare { get; } = [];

    public List<double> IdleHelperMegabytes { get; } = [];

    public List<double> IdleBareMegabytes { get; } = [];

    /// <summary>The helper as the bench runs it: a private data folder and store; the update check at start off.</summary>
    public static string[] HelperArguments(string data) =>
    [
        $"--Helper:DataDirectory={data}", "--Store:Kind=X509", $"--Store:Name=CertPlatformBench-{Guid.NewGuid():N}",
        "--Security:RateLimits:Password:PermitLimit=100000", "--Updates:CheckAtStart=false",
    ];

    /// <summary>One round; with <paramref name="idle"/> set, each app also runs a second before its memory is read.</summary>
    public async Task RoundAsync(TimeSpan idle)
    {
        var data = Path.Combine(Path.GetTempPath(), "certplatform-bench", Guid.NewGuid().ToString("N"));
        using (var first = await HelperProcess.StartAsync(helper, HelperArguments(data)))
        {
            FirstHelper.Add(first.StartMilliseconds);
            await Task.Delay(idle);
            IdleHelperMegabytes.Add(first.ResidentMegabytes());
        }

        // Every start after the first finds its data folder (API token, sandbox CA and feed keys) already there.
        using (var later = await HelperProcess.StartAsync(helper, HelperArguments(data)))
        {
            LaterHelper.Add(later.StartMilliseconds);
        }

        using (var bareApp = await HelperProcess.StartAsync(bare, []))
        {
            Bare.Add(bareApp.StartMilliseconds);
            await Task.Delay(idle);
            IdleBareMegabytes.Add(bareApp.ResidentMegabytes());
        }
    }
}
