using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using CertPlatform.Bench;
using CertPlatform.Domain.Certificates;

// bench/run.sh publishes the helper and the bare app, then runs this with their paths.
if (args.Contains("--micro-only"))
{
    Console.WriteLine(Micro.Run());
    return;
}

if (args.Contains("--ca-only"))
{
    // A quick look at the sandbox CA alone, for working on it: one client, RSA-2048 and P-256 requests.
    using var sandbox = new InProcessIssuance();
    var openssl = CryptoFloor.OpenSslSignsPerSecond("rsa2048");
    foreach (var requestKey in new[] { KeyAlgorithm.Rsa2048, KeyAlgorithm.EcdsaP256 })
    {
        var rate = CaThroughput.CertificatesPerSecond(sandbox.Services, requestKey, 1, TimeSpan.FromSeconds(3));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{requestKey.ToDisplay()} requests: {rate:0}/s, OpenSSL RSA-2048 {openssl:0} sign/s, ratio {rate / openssl:0.00}"));
    }

    return;
}

var options = Arguments.Parse(args);

// bench/coldstart.sh: only the cold start, many rounds, for trying start-up changes quickly.
if (args.Contains("--cold-only"))
{
    var rounds = int.Parse(args.SkipWhile(a => a != "--rounds").Skip(1).FirstOrDefault() ?? "20", CultureInfo.InvariantCulture);
    var only = new ColdStart(options.Helper, options.Bare);
    for (var i = 0; i < rounds; i++)
    {
        await only.RoundAsync(TimeSpan.FromMilliseconds(200));
        Console.Write('.');
    }

    var bareOnly = Stats.Of(only.Bare);
    Console.WriteLine();
    foreach (var (name, values) in new[] { ("helper, first start", only.FirstHelper), ("helper, later starts", only.LaterHelper), ("bare app", only.Bare) })
    {
        var stats = Stats.Of(values);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} {stats} ms (min / median / p99, n={stats.Count})  {stats.Median / bareOnly.Median:0.00}×"));
    }

    return;
}

// Only the customer's figures (issue #19), for working on them: --user-only --packaged <program> [--quick].
if (args.Contains("--user-only"))
{
    var bareRounds = new ColdStart(options.Helper, options.Bare);
    for (var i = 0; i < (options.Quick ? 3 : 8); i++)
    {
        await bareRounds.RoundAsync(TimeSpan.FromSeconds(1));
    }

    Stats x509Add;
    using (var x509 = new InProcessIssuance())
    {
        x509Add = (await x509.MeasureAsync(KeyAlgorithm.EcdsaP256, 60)).StoreAdd;
    }

    var userReport = new StringBuilder();
    var userSummary = new StringBuilder();
    await UserPath.ReportAsync(options, userReport, userSummary, Stats.Of(bareRounds.Bare), Stats.Of(bareRounds.IdleBareMegabytes), x509Add);
    Console.WriteLine(userReport);
    return;
}

// Only the soak (issue #20), for working on long use: --soak-only [--issuances N] [--lists N] [--nss].
if (args.Contains("--soak-only"))
{
    int Count(string name, int fallback) => int.Parse(args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    var soakData = Path.Combine(Path.GetTempPath(), "certplatform-bench", Guid.NewGuid().ToString("N"));
    string[] soakArguments = args.Contains("--nss")
        ? [.. ColdStart.HelperArguments(soakData).Where(a => !a.StartsWith("--Store:", StringComparison.Ordinal)), "--Store:Kind=Nss", $"--Store:NssDatabase={Path.Combine(soakData, "nssdb")}", "--Store:FirefoxProfiles=false"]
        : ColdStart.HelperArguments(soakData);
    using var soakHelper = await HelperProcess.StartAsync(options.Helper, soakArguments);
    var (soakIdle, soakPoints, soakSettled) = await Soak.RunAsync(soakHelper, Count("--issuances", 1000), Count("--lists", 1000));
    Console.WriteLine(SoakReport.Table(soakIdle, soakPoints, soakSettled));
    return;
}

var report = new StringBuilder();
var summary = new StringBuilder();
var inv = CultureInfo.InvariantCulture;

report.AppendLine("# CertPlatform benchmark report").AppendLine();
report.AppendLine(inv, $"- date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
report.AppendLine(inv, $"- machine: {Machine.Describe()}");
report.AppendLine(inv, $"- runtime: .NET {Environment.Version}, {RuntimeInformation.OSDescription}");
report.AppendLine("- figures: min / median / p99 in milliseconds unless said otherwise").AppendLine();

Console.WriteLine("== crypto floor");
var floors = new Dictionary<KeyAlgorithm, CryptoFloor.KeyFloor>
{
    [KeyAlgorithm.EcdsaP256] = CryptoFloor.Measure(KeyAlgorithm.EcdsaP256, 200),
    [KeyAlgorithm.Rsa2048] = CryptoFloor.Measure(KeyAlgorithm.Rsa2048, options.Quick ? 10 : 100),
    [KeyAlgorithm.Rsa3072] = CryptoFloor.Measure(KeyAlgorithm.Rsa3072, options.Quick ? 4 : 40),
};
var caFloor = floors[KeyAlgorithm.Rsa2048].Sign.Median; // the in-process sandbox root is RSA-2048 (InProcessIssuance)
report.AppendLine("## Crypto floor (.NET primitives, this run)").AppendLine();
report.AppendLine("| key | key generation | sign (SHA-256) |").AppendLine("| --- | --- | --- |");
foreach (var floor in floors.Values)
{
    report.AppendLine(inv, $"| {floor.Algorithm.ToDisplay()} | {floor.KeyGeneration} | {floor.Sign} |");
}

var opensslRsa = CryptoFloor.OpenSslSignsPerSecond("rsa2048");
var opensslRsa2 = CryptoFloor.OpenSslSignsPerSecond("rsa2048", 2);
var opensslEc = CryptoFloor.OpenSslSignsPerSecond("ecdsap256");
report.AppendLine().AppendLine(inv, $"OpenSSL `speed`: RSA-2048 {opensslRsa:0} sign/s (2 processes: {opensslRsa2:0}/s), ECDSA P-256 {opensslEc:0} sign/s.").AppendLine();

Console.WriteLine("== issuance, in process, by part");
report.AppendLine("## Issuance on the embedded sandbox, by part (in process)").AppendLine();
report.AppendLine("| key | center | key generation | CSR | CA signing | verify | store add | total | floor (keygen + CSR sign + CA sign, medians) | total / floor | own cost (total − keygen, medians) |");
report.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
var floorFor = new Dictionary<KeyAlgorithm, double>();
Stats? x509StoreAdd = null;
using (var inProcess = new InProcessIssuance())
{
    foreach (var (algorithm, samples) in new[] { (KeyAlgorithm.EcdsaP256, 100), (KeyAlgorithm.Rsa2048, options.Quick ? 10 : 60), (KeyAlgorithm.Rsa3072, options.Quick ? 4 : 30) })
    {
        var parts = await inProcess.MeasureAsync(algorithm, samples);
        x509StoreAdd ??= parts.StoreAdd;
        var floor = floors[algorithm].KeyGeneration.Median + floors[algorithm].Sign.Median + caFloor;
        floorFor[algorithm] = floor;
        var ownCost = parts.Total.Median - parts.KeyGeneration.Median;
        report.AppendLine(inv, $"| {algorithm.ToDisplay()} | {parts.Center} | {parts.KeyGeneration} | {parts.Csr} | {parts.CaSigning} | {parts.Verify} | {parts.StoreAdd} | {parts.Total} | {floor:0.00} | {parts.Total.Median / floor:0.00}× | {ownCost:0.00} |");
        summary.AppendLine(inv, $"| issuance {algorithm.ToDisplay()}, in process: all but key generation | {ownCost:0.0} ms | CSR + CA signature floor {floors[algorithm].Sign.Median + caFloor:0.0} ms | +{ownCost - (floors[algorithm].Sign.Median + caFloor):0.0} ms |");
    }

    Console.WriteLine("== CA throughput");
    var duration = TimeSpan.FromSeconds(options.Quick ? 1 : 3);
    report.AppendLine().AppendLine("## Sandbox CA signing throughput (RSA-2048 root)").AppendLine();
    report.AppendLine("Each certificate is the CA's whole work: the request's signature verified (proof of possession), the subject checked, "
        + "the certificate built with its six extensions, signed once with the root's RSA-2048 key and journaled; it ends with the DER the CA hands out. "
        + "The floor is OpenSSL's raw RSA-2048 signature rate (one process per client).").AppendLine();
    report.AppendLine("| requests | clients | certificates/s | OpenSSL RSA-2048 sign/s | ratio (target ≥ 0.8) |").AppendLine("| --- | --- | --- | --- | --- |");
    foreach (var requestKey in new[] { KeyAlgorithm.Rsa2048, KeyAlgorithm.EcdsaP256 })
    {
        var label = requestKey == KeyAlgorithm.Rsa2048 ? "RSA-2048 (the helper's default)" : "ECDSA P-256";
        foreach (var clients in new[] { 1, 2 })
        {
            var rate = CaThroughput.CertificatesPerSecond(inProcess.Services, requestKey, clients, duration);
            var openssl = clients == 1 ? opensslRsa : opensslRsa2;
            report.AppendLine(inv, $"| {label} | {clients} | {rate:0} | {openssl:0} | {rate / openssl:0.00} |");
            summary.AppendLine(inv, $"| CA signing, {requestKey.ToDisplay()} requests, {clients} client{(clients == 1 ? "" : "s")} | {rate:0}/s | OpenSSL{(clients == 1 ? "" : " -multi 2")} {openssl:0}/s | {rate / openssl:0.00}× (no target: ADR 0009) |");
        }
    }

    var withObject = CaThroughput.CertificatesPerSecond(inProcess.Services, KeyAlgorithm.Rsa2048, 1, duration, CaThroughput.Output.CertificateObject);
    report.AppendLine().AppendLine(inv, $"Loading each issued certificate into an `X509Certificate2` as well (the in-process adapter's return value; OpenSSL parses it): {withObject:0}/s with 1 client ({withObject / opensslRsa:0.00}×).");
}

Console.WriteLine("== listing");
report.AppendLine().AppendLine("## Certificate list with N certificates in the store").AppendLine();
report.AppendLine("| certificates | list (ms) | per certificate (ms) |").AppendLine("| --- | --- | --- |");
using (var listing = new InProcessIssuance())
{
    foreach (var n in new[] { 10, 100, 1000 })
    {
        var stats = await Listing.MeasureAsync(listing.Services, n, 5);
        report.AppendLine(inv, $"| {n} | {stats} | {stats.Median / n:0.000} |");
        summary.AppendLine(inv, $"| list {n} certificates | {stats.Median:0.0} ms | {stats.Median / n:0.000} ms each | linear |");
    }
}

Console.WriteLine("== end to end through the API, cold start, memory");
// Hundreds of issuances a minute are the point here, so the helper's password rate limit is lifted for the bench.
var helperArguments = ColdStart.HelperArguments;
var coldStart = new ColdStart(options.Helper, options.Bare);
for (var i = 0; i < (options.Quick ? 3 : 10); i++)
{
    await coldStart.RoundAsync(TimeSpan.FromSeconds(1));
}

var coldHelper = coldStart.FirstHelper;
var laterHelper = coldStart.LaterHelper;
var coldBare = coldStart.Bare;
var idleHelper = coldStart.IdleHelperMegabytes;
var idleBare = coldStart.IdleBareMegabytes;

var cold = Stats.Of(coldHelper);
var coldBareStats = Stats.Of(coldBare);
report.AppendLine().AppendLine("## Cold start (process start to the first 200 from /api/v1/status, published, framework-dependent)").AppendLine();
report.AppendLine("| app | ms | ratio (target ≤ 1.2×) |").AppendLine("| --- | --- | --- |");
var later = Stats.Of(laterHelper);
report.AppendLine(inv, $"| CertPlatform helper, first start (empty data folder) | {cold} | {cold.Median / coldBareStats.Median:0.00}× |");
report.AppendLine(inv, $"| CertPlatform helper, later starts | {later} | {later.Median / coldBareStats.Median:0.00}× |");
report.AppendLine(inv, $"| bare minimal app | {coldBareStats} | 1.00× |");
summary.AppendLine(inv, $"| cold start, first start | {cold.Median:0} ms | bare app {coldBareStats.Median:0} ms | {cold.Median / coldBareStats.Median:0.00}× (≤ 1.2×) |");
summary.AppendLine(inv, $"| cold start, later starts | {later.Median:0} ms | bare app {coldBareStats.Median:0} ms | {later.Median / coldBareStats.Median:0.00}× (≤ 1.2×) |");

Console.WriteLine("== what a customer meets: the packaged helper, start → first certificate");
await UserPath.ReportAsync(options, report, summary, coldBareStats, Stats.Of(idleBare), x509StoreAdd!);

report.AppendLine().AppendLine("## End to end through the API on the embedded sandbox (client-side latency)").AppendLine();
report.AppendLine("| key | API issuance | floor | ratio | target (≤ 1.3× floor + 5 ms) |").AppendLine("| --- | --- | --- | --- | --- |");
double rssAfter;
var apiData = Path.Combine(Path.GetTempPath(), "certplatform-bench", Guid.NewGuid().ToString("N"));
using (var helper = await HelperProcess.StartAsync(options.Helper, helperArguments(apiData)))
{
    foreach (var (algorithm, samples) in new[] { (KeyAlgorithm.EcdsaP256, 100), (KeyAlgorithm.Rsa2048, options.Quick ? 10 : 60), (KeyAlgorithm.Rsa3072, options.Quick ? 4 : 30) })
    {
        var stats = await ApiIssuance.MeasureAsync(helper, algorithm.ToDisplay(), samples);
        var floor = floorFor[algorithm];
        var target = 1.3 * floor + 5;
        var verdict = stats.Median <= target ? "met" : "missed";
        report.AppendLine(inv, $"| {algorithm.ToDisplay()} | {stats} | {floor:0.00} | {stats.Median / floor:0.00}× | {target:0.00} ms: {verdict} |");
        summary.AppendLine(inv, $"| issuance {algorithm.ToDisplay()} (API, median) | {stats.Median:0.0} ms | floor {floor:0.0} ms | {stats.Median / floor:0.00}× (≤ 1.3× + 5 ms: {verdict}) |");
    }

    // 100 issuances in all have now run in this helper (warm-ups included) once P-256 ran 100 times.
    rssAfter = helper.ResidentMegabytes();
}

Console.WriteLine("== end to end in Remote mode against the sandbox over HTTPS on loopback");
report.AppendLine().AppendLine("## End to end in Remote mode: the helper's center client and EST client against the sandbox over HTTPS on loopback").AppendLine();
report.AppendLine("| key | API issuance | floor | ratio |").AppendLine("| --- | --- | --- | --- |");
await using (var remote = await RemotePair.StartAsync(options.Helper))
{
    foreach (var (algorithm, samples) in new[] { (KeyAlgorithm.EcdsaP256, 50), (KeyAlgorithm.Rsa2048, options.Quick ? 10 : 20) })
    {
        var stats = await ApiIssuance.MeasureAsync(remote.Customer, algorithm.ToDisplay(), samples);
        var floor = floorFor[algorithm];
        report.AppendLine(inv, $"| {algorithm.ToDisplay()} | {stats} | {floor:0.00} | {stats.Median / floor:0.00}× |");
        summary.AppendLine(inv, $"| issuance {algorithm.ToDisplay()} (Remote over HTTPS, median) | {stats.Median:0.0} ms | floor {floor:0.0} ms | {stats.Median / floor:0.00}× |");
    }
}

Console.WriteLine("== soak: many issuances, then many lists, in one helper");
report.AppendLine().AppendLine("## Long use: issuances in a row, then list calls with all of them in the store (one helper, P-256, .NET store)").AppendLine();
var soakIssuances = options.Quick ? 200 : 1000;
var soakLists = options.Quick ? 100 : 1000;
var soakDir = Path.Combine(Path.GetTempPath(), "certplatform-bench", Guid.NewGuid().ToString("N"));
using (var soaking = await HelperProcess.StartAsync(options.Helper, helperArguments(soakDir)))
{
    var (soakIdle, points, settled) = await Soak.RunAsync(soaking, soakIssuances, soakLists);
    report.Append(SoakReport.Table(soakIdle, points, settled));
    summary.Append(SoakReport.Summary(soakIdle, points, settled));
}

var idle = Stats.Of(idleHelper);
var idleBareStats = Stats.Of(idleBare);
report.AppendLine().AppendLine("## Memory (resident set, MiB)").AppendLine();
report.AppendLine("| app | idle | after the API issuances above (≥ 100) |").AppendLine("| --- | --- | --- |");
report.AppendLine(inv, $"| CertPlatform helper | {idle.Median:0.0} | {rssAfter:0.0} |");
report.AppendLine(inv, $"| bare minimal app | {idleBareStats.Median:0.0} | — |");
summary.AppendLine(inv, $"| memory idle | {idle.Median:0} MiB | bare app {idleBareStats.Median:0} MiB | {idle.Median / idleBareStats.Median:0.00}× |");
summary.AppendLine(inv, $"| memory after ≥ 100 issuances | {rssAfter:0} MiB | idle {idle.Median:0} MiB | +{rssAfter - idle.Median:0} MiB |");

if (!options.SkipMicro)
{
    Console.WriteLine("== microbenchmarks");
    report.AppendLine().AppendLine("## Microbenchmarks (BenchmarkDotNet, short run, in process)").AppendLine();
    report.AppendLine(Micro.Run());
}

// A quick run has too few samples to stand for the product: it says so, and never replaces the committed table.
var header = new StringBuilder()
    .AppendLine(inv, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd} on {Machine.Describe()} (`bench/run.sh{(options.Quick ? " --quick" : string.Empty)}`; full report in `{options.Output}`).").AppendLine()
    .Append(options.Quick ? "**Quick run: few samples, for trying a change; not the figures of record.**\n\n" : string.Empty)
    .AppendLine("| what | measured | compared with | ratio (target) |").AppendLine("| --- | --- | --- | --- |");
var table = header.Append(summary).ToString();
report.Insert(0, string.Empty).AppendLine().AppendLine("## Summary").AppendLine().Append(table);

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
await File.WriteAllTextAsync(options.Output, report.ToString());
if (options.Readme is not null && !options.Quick)
{
    Readme.ReplaceSection(options.Readme, table);
}

Console.WriteLine(table);
Console.WriteLine($"report: {options.Output}");

internal sealed record Arguments(string Helper, string Bare, string? Packaged, string Output, string? Readme, bool Quick, bool SkipMicro)
{
    public static Arguments Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new Arguments(
            Value("--helper") ?? throw new ArgumentException("--helper <CertPlatform.LocalHost.dll> is required"),
            Value("--bare") ?? throw new ArgumentException("--bare <BareApp.dll> is required"),
            Value("--packaged"),
            Value("--out") ?? "bench/results/latest.md",
            Value("--readme"),
            args.Contains("--quick"),
            args.Contains("--skip-micro"));
    }
}

internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024;
        return string.Create(CultureInfo.InvariantCulture, $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {memory:0} GiB");
    }
}

internal static class Readme
{
    private const string Start = "<!-- bench:start -->";
    private const string End = "<!-- bench:end -->";

    public static void ReplaceSection(string path, string table)
    {
        var text = File.ReadAllText(path);
        var from = text.IndexOf(Start, StringComparison.Ordinal);
        var to = text.IndexOf(End, StringComparison.Ordinal);
        if (from < 0 || to < from)
        {
            Console.WriteLine($"{path} has no {Start} … {End} section; not updated.");
            return;
        }

        File.WriteAllText(path, text[..(from + Start.Length)] + "\n" + table + text[to..]);
    }
}
