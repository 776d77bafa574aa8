using System.Security.Cryptography;
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
        var summaries = BenchmarkRunner.Run([typeof(CsrBenchmarks)], config);
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
