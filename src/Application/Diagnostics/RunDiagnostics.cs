using CertPlatform.Application.Checks;
using CertPlatform.Application.Diagnostics.Checks;
using Mediator;

namespace CertPlatform.Application.Diagnostics;

/// <summary>
/// What the manual's FAQ (3.1) sends users and support staff to check by hand, checked by the helper: its version and
/// platform, the certificate store, the PC's clock against the center's, the way to the center and the CA (TLS,
/// proxy), the update feed, and the conflicting software the manual names.
/// </summary>
public sealed record RunDiagnostics : IQuery<DiagnosticsReport>;

/// <param name="Status">The worst verdict of the checks (skipped ones aside).</param>
public sealed record DiagnosticsReport(DateTimeOffset GeneratedAt, CheckStatus Status, IReadOnlyList<DiagnosticCheck> Checks);

public sealed class RunDiagnosticsHandler(
    HelperCheck helper,
    StoreCheck store,
    ClockCheck clock,
    ConnectionChecks connections,
    IEnumerable<IFeatureCheck> featureChecks,
    ConflictingSoftwareCheck software,
    TimeProvider time)
    : IQueryHandler<RunDiagnostics, DiagnosticsReport>
{
    public async ValueTask<DiagnosticsReport> Handle(RunDiagnostics query, CancellationToken cancellationToken)
    {
        // The checks that wait on the network run side by side: diagnostics on a broken network take one timeout, not four.
        var clockCheck = clock.RunAsync(cancellationToken);
        var connectionChecks = connections.RunAsync(cancellationToken);
        var featureCheckRuns = featureChecks.Select(c => c.RunAsync(cancellationToken)).ToList();

        List<DiagnosticCheck> checks = [helper.Run(), store.Run(), await clockCheck];
        checks.AddRange(await connectionChecks);
        checks.AddRange(await Task.WhenAll(featureCheckRuns));
        checks.Add(software.Run());

        var worst = checks.Select(c => c.Status).Where(s => s != CheckStatus.Skipped).DefaultIfEmpty(CheckStatus.Ok).Max();
        return new DiagnosticsReport(time.GetUtcNow(), worst, checks);
    }
}
