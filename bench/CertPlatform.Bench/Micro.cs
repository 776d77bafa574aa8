using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Infrastructure.Est;
using CertPlatform.Sandbox;
using CertPlatform.Sandbox.Totp;

namespace CertPlatform.Bench;

/// <summary>The hot pieces, measured by BenchmarkDotNet in this process (short runs, so the whole bench stays under 10 minutes).</summary>
public static class Micro
{
    public static string Run()
    {
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .AddLogger(NullLogger.Instance)
            .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary);
        var summaries = BenchmarkRunner.Run([typeof(CsrBenchmarks), typeof(Pkcs7Benchmarks), typeof(TotpBenchmarks)], config);
        return string.Join("\n", summaries.Select(Markdown));
    }

    private static string Markdown(Summary summary)
    {
        var logger = new AccumulationLogger();
        MarkdownExporter.GitHub.ExportToLog(summary, logger);
        // Keep the table only: the exporter's header repeats the machine, which the report already states.
        return string.Join("\n", logger.GetLog().Split('\n').SkipWhile(l => !l.StartsWith('|')));
    }
}

[MemoryDiagnoser]
public class CsrBenchmarks
{
    private static readonly CertificateSubject Subject = new("(2235)CERTPLATFORM SANDBOX BANK", "(2235)CertPlatform Sandbox CA - G1", "demo01 A001 20261126000000000000");
    private GeneratedKey _rsa = null!;
    private GeneratedKey _ec = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rsa = new GeneratedKey(KeyAlgorithm.Rsa2048, RSA.Create(2048));
        _ec = new GeneratedKey(KeyAlgorithm.EcdsaP256, ECDsa.Create(ECCurve.NamedCurves.nistP256));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rsa.Dispose();
        _ec.Dispose();
    }

    [Benchmark]
    public byte[] CsrRsa2048() => CertificationRequest.Create(Subject, _rsa);

    [Benchmark]
    public byte[] CsrEcdsaP256() => CertificationRequest.Create(Subject, _ec);
}

/// <summary>Reading the CA's answer: a base64 certs-only PKCS#7 with the issued certificate and its issuer.</summary>
[MemoryDiagnoser]
public class Pkcs7Benchmarks
{
    private string _body = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Bench Root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var leafKey = RSA.Create(2048);
        using var leaf = new CertificateRequest("CN=demo01 A001 20261126000000000000", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .Create(root.SubjectName, X509SignatureGenerator.CreateForECDsa(rootKey), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(366), [1, 2, 3, 4]);
        _body = CertsOnly.Write([leaf, root]);
    }

    [Benchmark]
    public int ReadCertsOnly()
    {
        var certificates = CertsOnly.Read(_body);
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }

        return certificates.Length;
    }
}

/// <summary>The center's one-time password check: the normal ±1 step window and the ±10 step time-sync search.</summary>
[MemoryDiagnoser]
public class TotpBenchmarks
{
    private readonly TotpToken _token = TotpToken.FromBase32(SandboxAccounts.DemoTokenSecret, 60, 6);
    private long _step;
    private string _code = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _step = _token.StepAt(DateTimeOffset.UtcNow);
        _code = _token.CodeOfStep(_step + 5);
    }

    [Benchmark]
    public long? VerifyWithinOneStep() => _token.FindStep(_token.CodeOfStep(_step), _step, 1);

    [Benchmark]
    public long? SearchTenStepsForDrift() => _token.FindStep(_code, _step, 10);
}
