using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CertPlatform.Application.Care;
using CertPlatform.Application.Diagnostics;
using CertPlatform.Application.Updates;
using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.LocalHost.Hosting;
using CertPlatform.LocalHost.Security;
using Mediator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CertPlatform.LocalHost.Support;

/// <summary>
/// What support staff ask a customer for, in one zip: the end of ApplicationLog.log (the manual's log file, through
/// <see cref="LogTextRedaction"/>), the diagnostics, the certificates in the store (public facts only) and a summary
/// of versions and configuration. The configuration shows the keys of the options types (<see cref="SupportSettings"/>):
/// a secret (the proxy password, the sandbox's demo password) is marked and never among them; the API token is no setting.
/// </summary>
public sealed class SupportBundle(
    ISender sender,
    HelperPaths paths,
    IConfiguration configuration,
    ApiToken apiToken,
    LogTextRedaction redaction,
    RunningVersion running,
    IOptions<DiagnosticsOptions> options,
    TimeProvider time,
    IServer server,
    ILogger<SupportBundle> logger)
{
    public const string ContentType = "application/zip";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = SupportJsonContext.Default,
    };

    public async Task<(string FileName, byte[] Content)> CreateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var diagnostics = await sender.Send(new RunDiagnostics(), cancellationToken);
        string certificates;
        try
        {
            certificates = JsonSerializer.Serialize(await sender.Send(new ListCertificates(IncludeExpired: true), cancellationToken), Json.Contract<CertificateList>());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The diagnostics say why (the store check); the bundle is still worth having.
            certificates = JsonSerializer.Serialize(new ListFailure((ex as Domain.Errors.CertPlatformException)?.Error.Code ?? ex.GetType().Name), Json.Contract<ListFailure>());
        }

        var (log, logFiles) = ReadLogTail(options.Value.BundleLogMegabytes * 1024L * 1024L);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, HelperPaths.LogFileName, redaction.Redact(log, KnownSecrets()), now);
            Add(zip, "diagnostics.json", JsonSerializer.Serialize(diagnostics, Json.Contract<DiagnosticsReport>()), now);
            Add(zip, "certificates.json", certificates, now);
            Add(zip, "summary.json", JsonSerializer.Serialize(Summary(now, logFiles), Json.Contract<Summary>()), now);
        }

        logger.LogInformation("Support bundle made: {LogBytes} bytes of log from {LogFileCount} file(s), diagnostics {Status}", log.Length, logFiles.Count, diagnostics.Status);
        return ($"certplatform-support-{now:yyyyMMdd-HHmmss}.zip", buffer.ToArray());
    }

    private Summary Summary(DateTimeOffset now, IReadOnlyList<string> logFiles)
    {
        var settings = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var key in SupportSettings.Keys(EmbeddedSandbox.IsUsed(configuration)))
        {
            var section = configuration.GetSection(key);
            var children = section.GetChildren().Select(c => c.Value).OfType<string>().ToArray();
            if (children.Length > 0)
            {
                settings[key] = children;
            }
            else if (!string.IsNullOrEmpty(section.Value))
            {
                settings[key] = section.Value;
            }
        }

        // Whether the proxy has an ID, never the ID's password.
        settings["Network:Proxy:Credentials"] = string.IsNullOrEmpty(configuration["Network:Proxy:UserName"]) ? "none" : "configured";
        return new Summary(
            Product: "CertPlatform",
            Version: running.ToString(),
            GeneratedAt: now,
            Platform: new SummaryPlatform(
                Os: RuntimeInformation.OSDescription,
                Architecture: RuntimeInformation.OSArchitecture.ToString(),
                Dotnet: RuntimeInformation.FrameworkDescription,
                Rid: RuntimeInformation.RuntimeIdentifier,
                Culture: CultureInfo.CurrentCulture.Name,
                TimeZone: TimeZoneInfo.Local.Id),
            DataDirectory: paths.DataDirectory,
            // Where the helper really listens: --urls or the launcher's fallback may differ from Helper:Port.
            ListeningOn: server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [],
            LogFiles: logFiles,
            Configuration: settings);
    }

    /// <summary>The last <paramref name="maxBytes"/> of the log, over the rolled files when the current one is short, from a whole line on.</summary>
    private (string Text, IReadOnlyList<string> Files) ReadLogTail(long maxBytes)
    {
        if (!Directory.Exists(paths.LogDirectory))
        {
            return (string.Empty, []);
        }

        var stem = Path.GetFileNameWithoutExtension(HelperPaths.LogFileName);
        var files = new DirectoryInfo(paths.LogDirectory).EnumerateFiles(stem + "*.log")
            .OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var parts = new List<byte[]>();
        var used = new List<string>();
        var budget = maxBytes;
        var cut = false;
        foreach (var file in files)
        {
            try
            {
                // Serilog keeps the file open for writing (shared): read beside it.
                using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var take = Math.Min(stream.Length, budget);
                stream.Seek(stream.Length - take, SeekOrigin.Begin);
                var bytes = new byte[take];
                stream.ReadExactly(bytes);
                parts.Insert(0, bytes);
                used.Insert(0, file.Name);
                budget -= take;
                cut = take < stream.Length;
            }
            catch (IOException ex)
            {
                logger.LogWarning("Support bundle: log file {LogFile} could not be read ({ExceptionType})", file.Name, ex.GetType().Name);
            }

            if (budget <= 0)
            {
                break;
            }
        }

        var all = parts.SelectMany(p => p).ToArray();
        var start = 0;
        if (cut)
        {
            // The first line was cut in the middle (maybe a character too): start at the next whole one.
            var newline = Array.IndexOf(all, (byte)'\n');
            start = newline < 0 ? all.Length : newline + 1;
        }

        return (Encoding.UTF8.GetString(all, start, all.Length - start), used);
    }

    private IEnumerable<string?> KnownSecrets()
    {
        yield return configuration["Network:Proxy:Password"];
        string? token = null;
        try
        {
            token = File.Exists(apiToken.FilePath) ? File.ReadAllText(apiToken.FilePath).Trim() : null;
        }
        catch (IOException)
        {
            // Unreadable now: the patterns still mask a Bearer value.
        }

        yield return token;
    }

    private static void Add(ZipArchive zip, string name, string content, DateTimeOffset at)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = at;
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(content);
    }
}

internal sealed record Summary(
    string Product,
    string Version,
    DateTimeOffset GeneratedAt,
    SummaryPlatform Platform,
    string DataDirectory,
    string[] ListeningOn,
    IReadOnlyList<string> LogFiles,
    SortedDictionary<string, object> Configuration);

internal sealed record SummaryPlatform(string Os, string Architecture, string Dotnet, string Rid, string Culture, string TimeZone);

/// <summary>certificates.json when the store could not be read: the catalog code (or the exception's type), nothing else.</summary>
internal sealed record ListFailure(string Failure);

/// <summary>The bundle's files, their contracts generated at build time; enums as strings.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(DiagnosticsReport))]
[JsonSerializable(typeof(CertificateList))]
[JsonSerializable(typeof(ListFailure))]
[JsonSerializable(typeof(Summary))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class SupportJsonContext : JsonSerializerContext;
