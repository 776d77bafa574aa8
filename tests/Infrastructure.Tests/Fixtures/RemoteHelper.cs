using CertPlatform.Application;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Issuance;
using CertPlatform.Application.Ports;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Tests.Fixtures;

/// <summary>
/// The helper's own services (Application + Infrastructure) in Remote mode, as Program.cs composes them, with a
/// private certificate store, a captured log and, unless asked otherwise, the test PKI's fixed key.
/// </summary>
internal sealed class RemoteHelper : IDisposable
{
    public const string DemoPassword = "Sandbox-Pass-01";

    private readonly ServiceProvider _services;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"certplatform-test-{Guid.NewGuid():N}");

    public RemoteHelper(IDictionary<string, string?> settings, TimeProvider? time = null, bool realKeys = false)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Center:Mode"] = "Remote",
            ["Ca:TrustAnchorPath"] = TestPki.Anchors,
            ["Network:Proxy:Mode"] = "None",
            ["Network:TimeoutSeconds"] = "10",
            ["Store:Kind"] = "X509",
            ["Store:Name"] = Store.Name,
            ["Helper:DataDirectory"] = _dataDirectory,
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Log).SetMinimumLevel(LogLevel.Trace));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddApplication(configuration).AddInfrastructure(configuration);
        if (!realKeys)
        {
            services.Replace(ServiceDescriptor.Singleton<IKeyFactory>(Keys));
        }

        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>The center at <c>{peer}/bank/{centerCase}/</c> and the CA at <c>{peer}</c> under the label, if any.</summary>
    public static RemoteHelper For(string peer, string centerCase = "ok", string? label = null, IDictionary<string, string?>? extra = null, TimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Center:BaseUrl"] = $"{peer}/bank/{centerCase}/",
            ["Ca:EstBaseUrl"] = peer,
            ["Ca:Label"] = label,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new RemoteHelper(settings, time);
    }

    public TestStore Store { get; } = new();

    public CapturedLog Log { get; } = new();

    public FixedKeyFactory Keys { get; } = new();

    public IServiceProvider Services => _services;

    public ICenterGateway Center => _services.GetRequiredService<ICenterGateway>();

    public ICertificateAuthority Ca => _services.GetRequiredService<ICertificateAuthority>();

    public ITrustAnchors TrustAnchors => _services.GetRequiredService<ITrustAnchors>();

    /// <summary>The manual's issuance (CCHK002), through the same handler the API sends to.</summary>
    public async Task<IssuedCertificate> IssueAsync(string loginId = "demo01", string password = DemoPassword) =>
        await ActivatorUtilities.CreateInstance<IssueCertificateHandler>(_services)
            .Handle(new IssueCertificate(loginId, password), CancellationToken.None);

    /// <summary>What the host does at start with ValidateOnStart: every options validator runs.</summary>
    public void ValidateAtStart() => _services.GetRequiredService<IStartupValidator>().Validate();

    public void Dispose()
    {
        _services.Dispose();
        Store.Dispose();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
