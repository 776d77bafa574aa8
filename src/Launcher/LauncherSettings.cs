using System.Globalization;
using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.Infrastructure.Updates;
using Microsoft.Extensions.Configuration;

namespace CertPlatform.Launcher;

/// <summary>
/// What the launcher needs to know, read the way the helper reads it (its appsettings.json, environment variables,
/// the command line), so both agree on the address and the data folder: the first of <c>urls</c> when given,
/// else <c>http://127.0.0.1:{Helper:Port}</c> (the helper itself refuses anything but loopback). <c>Launcher:StartTimeoutSeconds</c> (default
/// 60) is how long a version may take to answer <c>/api/v1/status</c> before it counts as failed.
/// </summary>
internal sealed record LauncherSettings(
    Uri StatusUri,
    InstalledVersions Layout,
    LaunchCandidate Packaged,
    string AppFileName,
    TimeSpan StartTimeout,
    string LogFile,
    string ApiTokenFile,
    string UrlScheme)
{
    public const string Section = "Launcher";
    public const int DefaultStartTimeoutSeconds = 60;

    /// <summary>The helper's executable in a version's folder: <c>CertPlatform.LocalHost</c> (<c>.exe</c> on Windows).</summary>
    public static string AppFileNameForThisOs => OperatingSystem.IsWindows() ? "CertPlatform.LocalHost.exe" : "CertPlatform.LocalHost";

    public static LauncherSettings From(string[] args, string packagedDirectory)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(packagedDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a.StartsWith('-')).ToArray())
            .Build();
        var paths = HelperPaths.From(configuration);
        var timeout = configuration.GetValue($"{Section}:StartTimeoutSeconds", DefaultStartTimeoutSeconds);
        if (timeout is < 1 or > 600)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{Section}:StartTimeoutSeconds must be from 1 to 600 (got {timeout})."));
        }

        return new LauncherSettings(
            StatusUriOf(configuration),
            InstalledVersions.From(configuration, paths),
            new LaunchCandidate(RunningVersion.OfThisBuild().Value, packagedDirectory, Packaged: true),
            AppFileNameForThisOs,
            TimeSpan.FromSeconds(timeout),
            Path.Combine(paths.LogDirectory, "launcher.log"),
            paths.ApiTokenFile,
            configuration[HelperOptions.Key(nameof(HelperOptions.UrlScheme))] is { Length: > 0 } scheme ? scheme : new HelperOptions().UrlScheme);
    }

    private static Uri StatusUriOf(IConfiguration configuration)
    {
        var first = configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var root = first is not null && Uri.TryCreate(first, UriKind.Absolute, out var url)
            ? url.GetLeftPart(UriPartial.Authority)
            : string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HelperOptions.PortOf(configuration)}");
        return new Uri(root + "/api/v1/status");
    }
}
