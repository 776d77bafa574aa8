using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Checks;
using CertPlatform.Application.Diagnostics;
using CertPlatform.Application.Diagnostics.Checks;
using CertPlatform.Application.Ports;
using CertPlatform.Application.Tests.Fakes;
using CertPlatform.Application.Tests.Updates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Tests.Diagnostics;

/// <summary>The diagnostics with real checks and fakes at every port, each of which a test can make fail.</summary>
internal sealed class DiagnosticsWorld : IDisposable
{
    public UpdateWorld Updates { get; } = new();

    public FakeCenter Center => _center ??= new FakeCenter(Updates.Time);

    public TestCa Ca { get; } = new("CN=Test Bank CA", UpdateWorld.Now);

    public InMemoryStore Store { get; } = new();

    public FakeConnectionProbe Connections { get; } = new();

    public FakeInstalledPrograms Programs { get; } = new();

    public DiagnosticsOptions Options { get; } = new();

    /// <summary>When set, the store fails to open with this.</summary>
    public Exception? StoreFailure { get; set; }

    private FakeCenter? _center;

    public async Task<DiagnosticsReport> RunAsync()
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        ICertificateStore store = StoreFailure is null ? Store : new UnopenableStore(StoreFailure);
        var handler = new RunDiagnosticsHandler(
            new HelperCheck(Updates.Running, Connections),
            new StoreCheck(store, Ca, Updates.Time, NullLogger<StoreCheck>.Instance),
            new ClockCheck(Center, Updates.Time, options),
            new ConnectionChecks(Connections, options),
            [new Application.Updates.UpdateFeedCheck(Checker, Microsoft.Extensions.Options.Options.Create(Updates.Options))],
            new ConflictingSoftwareCheck(Programs),
            Updates.Time);
        return await handler.Handle(new RunDiagnostics(), CancellationToken.None);
    }

    public Application.Updates.UpdateChecker Checker => _checker ??= Updates.Checker();

    private Application.Updates.UpdateChecker? _checker;

    public static DiagnosticCheck Check(DiagnosticsReport report, string name) => Assert.Single(report.Checks, c => c.Name == name);

    public void Dispose()
    {
        Updates.Dispose();
        Ca.Dispose();
    }

    private sealed class UnopenableStore(Exception failure) : ICertificateStore
    {
        public string Description => "X509Store CurrentUser\\Broken";

        public IReadOnlyList<X509Certificate2> List() => throw failure;

        public X509Certificate2? Find(string thumbprint) => throw failure;

        public void Add(X509Certificate2 certificateWithKey) => throw failure;

        public void Remove(string thumbprint) => throw failure;
    }
}

internal sealed class FakeConnectionProbe : IConnectionProbe
{
    public string CenterMode { get; set; } = "Remote";

    public ProxyInEffect? Proxy { get; set; } = new("None", null, false);

    public List<PeerProbe> Probes { get; } = [];

    public Task<IReadOnlyList<PeerProbe>> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PeerProbe>>(Probes);
}

internal sealed class FakeInstalledPrograms : IInstalledPrograms
{
    /// <summary>Null: not Windows.</summary>
    public List<string>? Names { get; set; } = [];

    public IReadOnlyList<string>? DisplayNames() => Names;
}
