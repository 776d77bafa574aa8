using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CertPlatform.LocalHost.Tests;

/// <summary>
/// The helper in-process on a fake clock, with its own certificate store (<c>CertPlatformTest-…</c>, deleted
/// afterwards) and its own data folder, so the sandbox CA, its registry and the log are the test's alone.
/// </summary>
public sealed class HelperFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>Half way through a minute, so the token's 60-second steps are clear of the test's own pauses.</summary>
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 30, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);

    public string StoreName { get; } = $"CertPlatformTest-{Guid.NewGuid():N}";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"certplatform-test-{Guid.NewGuid():N}");

    /// <summary>A client whose state-changing requests pass the guard: the helper's own origin, JSON bodies.</summary>
    public HttpClient CreateApiClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("Origin", "http://localhost");
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Store:Name", StoreName);
        builder.UseSetting("Helper:DataDirectory", DataDirectory);
        // Renewal is open at once, as in the README's demo; ECDSA keys keep the tests quick.
        builder.UseSetting("Sandbox:CertificateLifetimeDays", "30");
        builder.UseSetting("Certificates:DefaultKeyAlgorithm", "EcdsaP256");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DeleteStore(StoreName);
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

    private static void DeleteStore(string name)
    {
        try
        {
            using var store = new X509Store(name, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadWrite | OpenFlags.OpenExistingOnly);
            foreach (var certificate in store.Certificates)
            {
                using (certificate)
                {
                    store.Remove(certificate);
                }
            }
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // The test never created the store.
        }

        // On Linux and macOS, .NET keeps a CurrentUser store as a folder; Windows has no API to delete a store.
        var folder = Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "corefx", "cryptography", "x509stores", name.ToLowerInvariant());
        if (!OperatingSystem.IsWindows() && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
