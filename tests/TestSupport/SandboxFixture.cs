using CertPlatform.Application;
using CertPlatform.Infrastructure;
using CertPlatform.Sandbox;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CertPlatform.TestSupport;

/// <summary>The real Application + Infrastructure + sandbox container (Embedded mode) on a private data folder and a private store name.</summary>
public sealed class SandboxFixture : IDisposable
{
    private readonly bool _ownsData;

    public SandboxFixture(Dictionary<string, string?>? settings = null, DateTimeOffset? now = null)
    {
        // A data folder the caller names is the caller's to delete (a test of what the next start finds there).
        _ownsData = settings?.GetValueOrDefault("Helper:DataDirectory") is null;
        DataDirectory = settings?.GetValueOrDefault("Helper:DataDirectory")
            ?? Path.Combine(Path.GetTempPath(), "certplatform-tests", Guid.NewGuid().ToString("N"));
        StoreName = $"CertPlatformTest-{Guid.NewGuid():N}";
        Time = new FakeTimeProvider(now ?? DateTimeOffset.UtcNow);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Helper:DataDirectory"] = DataDirectory,
            ["Store:Kind"] = "X509",
            ["Store:Name"] = StoreName,
        }).AddInMemoryCollection(settings ?? []).Build();

        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(Time)
            .AddApplication(configuration)
            .AddInfrastructure(configuration)
            .AddSandbox(configuration);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public string DataDirectory { get; }

    public string StoreName { get; }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Services { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public void Dispose()
    {
        Services.Dispose();
        StoreCleanup.Delete(StoreName);
        if (_ownsData && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
