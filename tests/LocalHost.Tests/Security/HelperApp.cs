using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>
/// The helper in memory with its own data folder, log folder and certificate store, all deleted afterwards. The
/// bank's page is <see cref="BankOrigin"/>; credential rate limits are high unless a test sets them, so that
/// only the tests about them meet them.
/// </summary>
public sealed class HelperApp : WebApplicationFactory<Program>
{
    public const string OwnOrigin = "http://localhost";
    public const string BankOrigin = "https://ib.bank.example";
    public const string DemoLoginId = "demo01";
    public const string DemoPassword = "Sandbox-Pass-01";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "certplatform-security-" + Guid.NewGuid().ToString("N"));
    private bool _cleaned;

    public HelperApp()
        : this(new Dictionary<string, string?>(), null)
    {
    }

    private HelperApp(IDictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        StoreName = "CertPlatformTest-" + Guid.NewGuid().ToString("N");
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Helper:DataDirectory"] = Path.Combine(_root, "data"),
            ["Helper:LogDirectory"] = Path.Combine(_root, "logs"),
            ["Helper:BankOrigins:0"] = BankOrigin,
            ["Store:Kind"] = "X509",
            ["Store:Name"] = StoreName,
            ["Security:RateLimits:Password:PermitLimit"] = "1000",
            ["Security:RateLimits:Otp:PermitLimit"] = "1000",
        };
        foreach (var (key, value) in settings)
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

        _services = services;
    }

    /// <summary>A helper with these settings on top of the test defaults (null restores the product default), and services replaced at the ports.</summary>
    public static HelperApp With(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null) => new(settings, services);

    public string DataDirectory => _settings["Helper:DataDirectory"]!;

    public string LogDirectory => _settings["Helper:LogDirectory"]!;

    public string LogFile => Path.Combine(LogDirectory, "ApplicationLog.log");

    public string StoreName { get; }

    /// <summary>The whole log, read after the helper stopped (its logger flushed and closed) and before its folder went.</summary>
    public string? FinalLog { get; private set; }

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

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        CleanUp();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        CleanUp();
    }

    private void CleanUp()
    {
        if (_cleaned)
        {
            return;
        }

        _cleaned = true;
        FinalLog = ReadLog();
        TestStore.Delete(StoreName);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

/// <summary>Removes a test's private certificate store, certificates and all.</summary>
public static class TestStore
{
    public static void Delete(string name)
    {
        using (var store = new X509Store(name, StoreLocation.CurrentUser))
        {
            try
            {
                store.Open(OpenFlags.ReadWrite | OpenFlags.OpenExistingOnly);
                foreach (var certificate in store.Certificates)
                {
                    using (certificate)
                    {
                        store.Remove(certificate);
                    }
                }
            }
            catch (CryptographicException)
            {
                // Never created: nothing to remove.
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            var directory = Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "corefx", "cryptography", "x509stores", name.ToLowerInvariant());
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
