using Microsoft.Playwright;

namespace CertPlatform.Browser.Tests;

/// <summary>Browser tests run one at a time: each starts a helper and a Chromium, and the managed policy is machine-wide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<PlaywrightFixture>
{
    public const string Name = "Browser";
}

/// <summary>One Playwright driver (the Node driver bundled in the NuGet package) for the whole run.</summary>
public sealed class PlaywrightFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;

    public IPlaywright Playwright => _playwright ?? throw new InvalidOperationException("Playwright is not started.");

    public async Task InitializeAsync()
    {
        if (BrowserFactAttribute.Unavailable is null)
        {
            _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            Assertions.SetDefaultExpectTimeout(15_000);
        }
    }

    /// <summary>Debian's Chromium with <paramref name="home"/> as HOME, so it reads the test's NSS database and nobody else's.</summary>
    public Task<IBrowser> LaunchAsync(string home, IReadOnlyList<string>? moreArguments = null, IReadOnlyDictionary<string, string>? moreEnvironment = null)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);
        environment["HOME"] = home;
        foreach (var (key, value) in moreEnvironment ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = [.. ChromiumArguments, .. moreArguments ?? []],
            Env = environment!,
            Timeout = 30_000,
        });
    }

    public Task DisposeAsync()
    {
        _playwright?.Dispose();
        return Task.CompletedTask;
    }
}
