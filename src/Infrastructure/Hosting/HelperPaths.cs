using Microsoft.Extensions.Configuration;

namespace CertPlatform.Infrastructure.Hosting;

/// <summary>
/// Where the helper keeps its files: <c>Helper:DataDirectory</c> (default: the OS user's local application
/// data folder + <c>CertPlatform</c>) and <c>Helper:LogDirectory</c> (default: <c>logs</c> inside it), which
/// holds ApplicationLog.log.
/// </summary>
public sealed record HelperPaths(string DataDirectory, string LogDirectory)
{
    public const string LogFileName = "ApplicationLog.log";

    /// <summary>The per-user API token for programs (the launcher among them), in the data folder.</summary>
    public const string ApiTokenFileName = "api-token";

    public string LogFile => Path.Combine(LogDirectory, LogFileName);

    public string SandboxDirectory => Path.Combine(DataDirectory, "sandbox");

    public string ApiTokenFile => Path.Combine(DataDirectory, ApiTokenFileName);

    /// <summary>The helper's crash-safe records (pending installs, renewals), SQLite.</summary>
    public string RecordsDatabase => Path.Combine(DataDirectory, "helper.db");

    public static HelperPaths From(IConfiguration configuration)
    {
        var data = configuration[HelperOptions.Key(nameof(HelperOptions.DataDirectory))];
        if (string.IsNullOrWhiteSpace(data))
        {
            data = Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
                "CertPlatform");
        }

        var logs = configuration[HelperOptions.Key(nameof(HelperOptions.LogDirectory))];
        if (string.IsNullOrWhiteSpace(logs))
        {
            logs = Path.Combine(data, "logs");
        }

        return new HelperPaths(Path.GetFullPath(data), Path.GetFullPath(logs));
    }
}
