using System.Globalization;
using System.Text;
using CertPlatform.Domain.Certificates;

namespace CertPlatform.Bench;

/// <summary>The report's section for issue #19: the user's figures, each with its target and whether it is met.</summary>
public static class UserPath
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal static async Task ReportAsync(Arguments options, StringBuilder report, StringBuilder summary, Stats bareStart, Stats bareIdle, Stats x509StoreAdd)
    {
        var opensslEc = OpenSslIssuance.Measure(["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"], options.Quick ? 10 : 40);
        var opensslRsa = OpenSslIssuance.Measure(["-newkey", "rsa:2048"], options.Quick ? 6 : 40);
        report.AppendLine().AppendLine("## What a customer meets: the packaged helper, from its start to the first certificate in the store").AppendLine();
        report.AppendLine("The packaged build of `scripts/package.sh` (Linux: compiled ahead of time), started as a process with the default Linux store "
            + "(an NSS database, private to the bench); the time runs from the process start through the first 200 from `/api/v1/status` "
            + "(what the bank's page waits for) to the answer of the first issuance (the certificate is in the database). A first start has an "
            + "empty data folder (just installed), a later start the same folder again. The reference is `openssl` making the same certificate "
            + "as two processes (`req -newkey` for the key and request, `x509 -req` for the CA's signature with an ECDSA P-256 root, like the sandbox's), in this run.").AppendLine();
        report.AppendLine(Inv, $"`openssl` two-process issuance: P-256 {opensslEc} ms, RSA-2048 {opensslRsa} ms (min / median / p99; RSA includes its key generation).").AppendLine();

        if (options.Packaged is not { } packaged)
        {
            report.AppendLine("Not measured: no packaged build given (`--packaged`; bench/run.sh builds it).");
            summary.AppendLine("| start → first certificate (packaged) | not measured | — | no `--packaged` |");
            return;
        }

        var root = Path.Combine(Path.GetTempPath(), "certplatform-bench", "user-" + Guid.NewGuid().ToString("N"));
        var user = new FirstCertificate(packaged, root);
        var rounds = options.Quick ? 3 : 15;
        var byKey = new Dictionary<string, (List<FirstCertificate.Start> First, List<FirstCertificate.Start> Later)>();
        foreach (var key in new[] { KeyAlgorithm.EcdsaP256, KeyAlgorithm.Rsa2048 })
        {
            var first = new List<FirstCertificate.Start>();
            var later = new List<FirstCertificate.Start>();
            for (var i = 0; i < (key == KeyAlgorithm.EcdsaP256 ? rounds : Math.Max(3, rounds * 2 / 3)); i++)
            {
                var (f, l) = await user.RoundAsync(key.ToDisplay(), warmSamples: 5);
                first.Add(f);
                later.Add(l);
            }

            byKey[key.ToDisplay()] = (first, later);
        }

        var idle = new List<double>();
        var afterIssuance = new List<double>();
        for (var i = 0; i < (options.Quick ? 2 : 5); i++)
        {
            var (idleMiB, afterMiB) = await user.MemoryAsync(KeyAlgorithm.EcdsaP256.ToDisplay());
            idle.Add(idleMiB);
            afterIssuance.Add(afterMiB);
        }

        Console.WriteLine("== the NSS store against the .NET store, in process");
        Stats nssStoreAdd;
        using (var nss = new InProcessIssuance(new() { ["Store:Kind"] = "Nss", ["Store:NssDatabase"] = Path.Combine(root, "in-process-nssdb"), ["Store:FirefoxProfiles"] = "false" }))
        {
            nssStoreAdd = (await nss.MeasureAsync(KeyAlgorithm.EcdsaP256, options.Quick ? 10 : 60)).StoreAdd;
        }

        report.AppendLine("| what | measured (min / median / p99) | target | met |").AppendLine("| --- | --- | --- | --- |");
        void Row(string what, Stats measured, string unit, double target, string targetText, string summaryCompared)
        {
            var verdict = measured.Median <= target ? "met" : "missed";
            report.AppendLine(Inv, $"| {what} | {measured} {unit} | {targetText} | {verdict} |");
            summary.AppendLine(Inv, $"| {what} | {measured.Median:0.#} {unit} | {summaryCompared} | {targetText}: {verdict} |");
        }

        var ec = opensslEc.Median;
        var rsaTarget = (1.3 * opensslRsa.Median) + 100;
        foreach (var (label, which) in new[] { ("first start", 0), ("later start", 1) })
        {
            var p256 = byKey[KeyAlgorithm.EcdsaP256.ToDisplay()];
            var rsa = byKey[KeyAlgorithm.Rsa2048.ToDisplay()];
            var p256Starts = which == 0 ? p256.First : p256.Later;
            var rsaStarts = which == 0 ? rsa.First : rsa.Later;
            Row($"start → first certificate, P-256, {label}", Stats.Of(p256Starts.Select(s => s.Total).ToList()), "ms", 4 * ec,
                string.Create(Inv, $"≤ 4× openssl = {4 * ec:0} ms"), string.Create(Inv, $"openssl {ec:0.0} ms"));
            Row($"start → first certificate, RSA-2048, {label}", Stats.Of(rsaStarts.Select(s => s.Total).ToList()), "ms", rsaTarget,
                string.Create(Inv, $"≤ 1.3× openssl + 100 = {rsaTarget:0} ms"), string.Create(Inv, $"openssl {opensslRsa.Median:0.0} ms"));
        }

        foreach (var (label, starts) in new[] { ("first start", byKey[KeyAlgorithm.EcdsaP256.ToDisplay()].First), ("later start", byKey[KeyAlgorithm.EcdsaP256.ToDisplay()].Later) })
        {
            var firstIssuance = Stats.Of(starts.Select(s => s.FirstIssuance).ToList());
            var warm = Stats.Of(starts.SelectMany(s => s.Warm).ToList());
            Row($"first P-256 issuance after a {label}", firstIssuance, "ms", 3 * warm.Median,
                string.Create(Inv, $"≤ 3× warm ({warm.Median:0.0} ms) = {3 * warm.Median:0.0} ms"), string.Create(Inv, $"warm {warm.Median:0.0} ms"));
        }

        var storeTarget = Math.Max(1.5 * x509StoreAdd.Median, 15);
        Row("NSS store install (P-256, in process)", nssStoreAdd, "ms", storeTarget,
            string.Create(Inv, $"≤ max(1.5× .NET store {x509StoreAdd.Median:0.00} ms, 15 ms) = {storeTarget:0.0} ms"), string.Create(Inv, $".NET store {x509StoreAdd.Median:0.00} ms"));

        var allP256 = byKey[KeyAlgorithm.EcdsaP256.ToDisplay()];
        Row("cold start of the packaged helper, first start", Stats.Of(allP256.First.Select(s => s.Status).ToList()), "ms", bareStart.Median,
            string.Create(Inv, $"≤ 1.0× bare app ({bareStart.Median:0} ms)"), string.Create(Inv, $"bare app {bareStart.Median:0} ms"));
        Row("cold start of the packaged helper, later start", Stats.Of(allP256.Later.Select(s => s.Status).ToList()), "ms", bareStart.Median,
            string.Create(Inv, $"≤ 1.0× bare app ({bareStart.Median:0} ms)"), string.Create(Inv, $"bare app {bareStart.Median:0} ms"));
        Row("idle memory of the packaged helper", Stats.Of(idle), "MiB", 0.8 * bareIdle.Median,
            string.Create(Inv, $"≤ 0.8× bare app ({bareIdle.Median:0} MiB) = {0.8 * bareIdle.Median:0} MiB"), string.Create(Inv, $"bare app {bareIdle.Median:0} MiB"));
        var after = Stats.Of(afterIssuance);
        report.AppendLine(Inv, $"| memory of the packaged helper one second after its first issuance | {after} MiB | — | — |");
        summary.AppendLine(Inv, $"| memory of the packaged helper after its first issuance | {after.Median:0} MiB | idle {Stats.Of(idle).Median:0} MiB | — |");
        Directory.Delete(root, recursive: true);
    }
}
