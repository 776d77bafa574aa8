using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CertPlatform.LocalHost.Tests;

/// <summary>
/// The one helper factory of these tests: the helper in-process on a fake clock, with its own certificate store
/// (<c>CertPlatformTest-…</c>), data and log folders (all deleted afterwards), so the sandbox CA, its registry and the
/// log are the test's alone. The bank's page is <see cref="BankOrigin"/>; credential rate limits are high unless a
/// test sets them, so that only the tests about them meet them. A test adds settings (null restores the product's
/// default) and replaces services at the ports; an update feed of the bank's is <see cref="Updates.BankUpdateFeed"/>'s.
/// </summary>
public sealed class HelperFactory : WebApplicationFactory<Program>
{
    public const string Origin = "http://localhost";
    public const string OwnOrigin = Origin;
    public const string BankOrigin = "https://ib.bank.example";
    public const string DemoLoginId = "demo01";
    public const string DemoPassword = "Sandbox-Pass-01";

    /// <summary>Half way through a minute, so the token's 60-second steps are clear of the test's own pauses.</summary>
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 30, TimeSpan.Zero);

    /// <summary>The README's renewal demo: renewal open at once; ECDSA keys keep the tests quick.</summary>
    public static readonly IReadOnlyDictionary<string, string?> RenewalDemo = new Dictionary<string, string?>
    {
        ["Sandbox:CertificateLifetimeDays"] = "30",
        ["Certificates:DefaultKeyAlgorithm"] = "EcdsaP256",
    };

    private readonly Dictionary<string, string?> _settings;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "certplatform-tests", Guid.NewGuid().ToString("N"));
    private bool _cleaned;

    /// <summary>The test defaults alone: xunit's class fixtures need one public constructor, so the one with settings is internal.</summary>
    public HelperFactory()
        : this(null)
    {
    }

    internal HelperFactory(IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        StoreName = $"CertPlatformTest-{Guid.NewGuid():N}";
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Helper:DataDirectory"] = Path.Combine(_root, "data"),
            ["Helper:LogDirectory"] = Path.Combine(_root, "logs"),
            ["Helper:BankOrigins:0"] = BankOrigin,
            ["Store:Kind"] = "X509",
            ["Store:Name"] = StoreName,
            ["Security:RateLimits:Password:PermitLimit"] = "1000",
            ["Security:RateLimits:Otp:PermitLimit"] = "1000",
            // Tests move the fake clock by days; the idle exit has tests of its own that turn it on.
            ["Helper:IdleExitMinutes"] = "0",
        };
        foreach (var (key, value) in settings ?? [])
        {
            // null: the product's own default, not the test default.
            if (value is null)
            {
                _settings.Remove(key);
            }
            else
            {
                _settings[key] = value;
            }
        }
    }

    /// <summary>A helper with these settings on top of the test defaults, and services replaced at the ports.</summary>
    public static HelperFactory With(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null) =>
        new(settings) { TestServices = services };

    public FakeTimeProvider Time { get; } = new(Start);

    public string StoreName { get; }

    public string DataDirectory => _settings["Helper:DataDirectory"]!;

    public string LogDirectory => _settings["Helper:LogDirectory"]!;

    public string LogFile => Path.Combine(LogDirectory, "ApplicationLog.log");

    /// <summary>More services to replace (a failing adapter); the clock is already <see cref="Time"/>.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    private readonly Swagger.OpenApiResponseContract.Violations _contractViolations = new();

    /// <summary>The whole log, read after the helper stopped (its logger flushed and closed) and before its folder went.</summary>
    public string? FinalLog { get; private set; }

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

    public static Task<HttpResponseMessage> Issue(HttpClient client, string loginId = DemoLoginId, string password = DemoPassword, string? keyAlgorithm = null) =>
        client.PostAsJsonAsync("/api/v1/certificates/issue", new { loginId, password, keyAlgorithm });

    public static Task<HttpResponseMessage> PostJson(HttpClient client, string path, object? body = null) =>
        client.PostAsJsonAsync(path, body ?? new { });

    /// <summary>The log as written so far, read the way support would (the sink keeps the file open).</summary>
    public string ReadLog()
    {
        if (!File.Exists(LogFile))
        {
            return string.Empty;
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            // Every API answer checked against the helper's own OpenAPI document (Swagger/OpenApiResponseContract).
            services.AddSingleton(_contractViolations);
            services.AddSingleton(Swagger.OpenApiResponseContract.Filter());
            TestServices?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        CleanUp();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            CleanUp();
        }
    }

    private void CleanUp()
    {
        if (_cleaned)
        {
            return;
        }

        _cleaned = true;
        FinalLog = ReadLog();

        TestSupport.StoreCleanup.Delete(StoreName);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless; the store above is what must not be left behind.
        }

        // The test that used this helper fails (or its class's clean-up does) when an answer broke the document.
        if (_contractViolations.Found.Count > 0)
        {
            throw new InvalidOperationException(
                "Answers that do not match the helper's OpenAPI document:\n" + string.Join("\n", _contractViolations.Found.Distinct()));
        }
    }
}
