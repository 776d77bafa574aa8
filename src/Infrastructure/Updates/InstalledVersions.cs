using System.Text.Json;
using System.Text.Json.Serialization;
using CertPlatform.Application.Updates;
using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Configuration;

namespace CertPlatform.Infrastructure.Updates;

/// <summary>
/// The updates' side-by-side layout in the user's data folder, written by the updater and read by the launcher:
/// <c>versions/&lt;version&gt;/</c> (one complete app each), <c>current</c> (the version the next start runs) and
/// <c>launch.json</c> (the launcher's record of versions that failed to start). The app the package installed
/// is not in here: it stays where the package put it, so a broken update can always fall back to it.
/// </summary>
public sealed partial class InstalledVersions
{
    public const string PointerFileName = "current";
    public const string RecordFileName = "launch.json";

    /// <summary>Failed starts older than the newest this many are forgotten.</summary>
    private const int KeptFailures = 10;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, TypeInfoResolver = LaunchRecordContext.Default };

    public InstalledVersions(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string VersionsDirectory => Path.Combine(Root, "versions");

    public string PointerPath => Path.Combine(Root, PointerFileName);

    public string RecordPath => Path.Combine(Root, RecordFileName);

    /// <summary>The version <c>current</c> names; null when there is none or it cannot be read.</summary>
    public SemanticVersion? Current => VersionFile.Read(PointerPath);

    /// <summary>The layout for this configuration: <c>Updates:InstallDirectory</c>, or <c>app</c> in the data folder.</summary>
    public static InstalledVersions From(IConfiguration configuration, HelperPaths paths)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return From(configuration[$"{UpdateOptions.Section}:{nameof(UpdateOptions.InstallDirectory)}"], paths);
    }

    public static InstalledVersions From(string? installDirectory, HelperPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new InstalledVersions(string.IsNullOrWhiteSpace(installDirectory) ? Path.Combine(paths.DataDirectory, "app") : installDirectory);
    }

    public string DirectoryOf(SemanticVersion version) => Path.Combine(VersionsDirectory, version.ToString());

    /// <summary>The complete versions in <c>versions/</c> (a folder named as a version; half-made ones are not), newest first.</summary>
    public IReadOnlyList<SemanticVersion> List()
    {
        if (!Directory.Exists(VersionsDirectory))
        {
            return [];
        }

        var versions = new List<SemanticVersion>();
        foreach (var directory in Directory.EnumerateDirectories(VersionsDirectory))
        {
            if (SemanticVersion.TryParse(Path.GetFileName(directory), out var version))
            {
                versions.Add(version);
            }
        }

        versions.Sort((a, b) => b.CompareTo(a));
        return versions;
    }

    /// <summary>Switches <c>current</c> atomically; null removes it (the packaged app runs next).</summary>
    public void SetCurrent(SemanticVersion? version)
    {
        if (version is null)
        {
            File.Delete(PointerPath);
            return;
        }

        VersionFile.Write(PointerPath, version);
    }

    /// <summary>The versions that failed to start, newest first; an unreadable record is an empty one.</summary>
    public IReadOnlyList<FailedStart> ReadFailures()
    {
        try
        {
            if (!File.Exists(RecordPath))
            {
                return [];
            }

            var record = JsonSerializer.Deserialize(File.ReadAllBytes(RecordPath), Json.Contract<LaunchRecordJson>());
            var failures = new List<FailedStart>();
            foreach (var entry in record?.Failed ?? [])
            {
                if (SemanticVersion.TryParse(entry.Version, out var version) && SemanticVersion.TryParse(entry.RanInstead, out var instead))
                {
                    failures.Add(new FailedStart(version, instead, entry.At, entry.Reason ?? string.Empty));
                }
            }

            return failures;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return [];
        }
    }

    /// <summary>Adds a failed start to the record (written through a temporary file and a rename).</summary>
    public void RecordFailure(FailedStart failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var entries = ReadFailures()
            .Where(f => f.Version != failure.Version)
            .Prepend(failure)
            .Take(KeptFailures)
            .Select(f => new FailedStartJson(f.Version.ToString(), f.RanInstead.ToString(), f.At, f.Reason))
            .ToList();
        PrivateFiles.WriteAtomically(RecordPath, JsonSerializer.SerializeToUtf8Bytes(new LaunchRecordJson(entries), Json.Contract<LaunchRecordJson>()));
    }

    private sealed record LaunchRecordJson(List<FailedStartJson>? Failed);

    private sealed record FailedStartJson(string Version, string RanInstead, DateTimeOffset At, string? Reason);

    [JsonSerializable(typeof(LaunchRecordJson))]
    private sealed partial class LaunchRecordContext : JsonSerializerContext;
}
