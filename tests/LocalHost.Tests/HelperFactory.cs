using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CertPlatform.LocalHost.Tests;

/// <summary>
/// The helper in-process on a fake clock, with its own certificate store (<c>CertPlatformTest-…</c>, deleted
/// afterwards) and its own data and log folders, so the sandbox CA, its registry and the log are the test's alone.
/// </summary>
public sealed class HelperFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string Origin = "http://localhost";
    public const string DemoPassword = "Sandbox-Pass-01";

    /// <summary>Half way through a minute, so the token's 60-second steps are clear of the test's own pauses.</summary>
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 30, TimeSpan.Zero);

    /// <summary>The README's renewal demo: renewal open at once; ECDSA keys keep the tests quick.</summary>
    public static readonly IReadOnlyDictionary<string, string?> RenewalDemo = new Dictionary<string, string?>
    {
        ["Sandbox:CertificateLifetimeDays"] = "30",
        ["Certificates:DefaultKeyAlgorithm"] = "EcdsaP256",
    };

    public FakeTimeProvider Time { get; } = new(Start);

    public string StoreName { get; } = $"CertPlatformTest-{Guid.NewGuid():N}";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "certplatform-tests", Guid.NewGuid().ToString("N"));

    public string LogFile => Path.Combine(DataDirectory, "logs", "ApplicationLog.log");

    /// <summary>More services to replace (a failing adapter); the clock is already <see cref="Time"/>.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>A client as the helper's own page: same origin, JSON, in the given language.</summary>
    public HttpClient CreatePageClient(string language = "ja")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("Origin", Origin);
        client.DefaultRequestHeaders.Add("Accept-Language", language);
        return client;
    }

    /// <summary>A page client in English, for tests that read English titles.</summary>
    public HttpClient CreateApiClient() => CreatePageClient("en");

    public static Task<HttpResponseMessage> Issue(HttpClient client, string loginId = "demo01", string password = DemoPassword, string? keyAlgorithm = null) =>
        client.PostAsJsonAsync("/api/v1/certificates/issue", new { loginId, password, keyAlgorithm });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Store:Kind", "X509");
        builder.UseSetting("Store:Name", StoreName);
        builder.UseSetting("Helper:DataDirectory", DataDirectory);
        builder.UseSetting("Helper:LogDirectory", Path.Combine(DataDirectory, "logs"));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            TestServices?.Invoke(services);
        });
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
                // A leftover temp folder is harmless; the store above is what must not be left behind.
            }
        }
    }
}
