using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.LocalHost.Tests;

/// <summary>The helper in-process on a private data folder, log folder and certificate store.</summary>
public class HelperFactory : WebApplicationFactory<Program>
{
    public const string Origin = "http://localhost";
    public const string DemoPassword = "Sandbox-Pass-01";

    private readonly Dictionary<string, string?> _settings;

    public HelperFactory(Dictionary<string, string?>? settings = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "certplatform-tests", Guid.NewGuid().ToString("N"));
        StoreName = $"CertPlatformTest-{Guid.NewGuid():N}";
        _settings = new Dictionary<string, string?>
        {
            ["Helper:DataDirectory"] = DataDirectory,
            ["Helper:LogDirectory"] = Path.Combine(DataDirectory, "logs"),
            ["Store:Name"] = StoreName,
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    public string StoreName { get; }

    public string LogFile => Path.Combine(DataDirectory, "logs", "ApplicationLog.log");

    /// <summary>Services to replace (a FakeTimeProvider, a failing adapter).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>A client as the helper's own page: same origin, JSON.</summary>
    public HttpClient CreatePageClient(string language = "ja")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("Origin", Origin);
        client.DefaultRequestHeaders.Add("Accept-Language", language);
        return client;
    }

    public static Task<HttpResponseMessage> Issue(HttpClient client, string loginId = "demo01", string password = DemoPassword, string? keyAlgorithm = null) =>
        client.PostAsJsonAsync("/api/v1/certificates/issue", new { loginId, password, keyAlgorithm });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => TestServices?.Invoke(services));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TestSupport.StoreCleanup.Delete(StoreName);
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // The log sink may still hold the file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }
}
