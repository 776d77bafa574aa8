using System.Globalization;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Hosting;
using Serilog;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// ApplicationLog.log and the console, through the <see cref="SecretRedaction"/> policy. The logger belongs to
/// the host, not to Serilog's static <c>Log</c>: two hosts in one process (the tests run many) each write their
/// own file, and disposing one does not close the other's.
/// </summary>
public static class HelperLogging
{
    public const string OutputTemplate =
        "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext} {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static IServiceCollection AddHelperLogging(this IServiceCollection services, IConfiguration configuration, HelperPaths paths) =>
        services.AddSerilog(
            (_, logger) => logger
                .ApplyLevels(configuration)
                .Destructure.With<SecretRedaction>()
                .Enrich.With<SecretRedaction>()
                .Enrich.FromLogContext()
                // The host's "Hosting failed to start" with Kestrel's trace: PortInUse says it in one line instead, and so
                // does the refused start (a StartupRefusal, or a data folder that cannot be written).
                .Filter.ByExcluding(e => e.Exception is { } ex && (PortInUse.IsCause(ex) || ex is StartupRefusal
                    || (e.MessageTemplate.Text.StartsWith("Hosting failed to start", StringComparison.Ordinal) && LocalFaults.Classify(ex) is not null)))
                .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture)
                .WriteTo.File(
                    paths.LogFile,
                    formatProvider: CultureInfo.InvariantCulture,
                    fileSizeLimitBytes: 10 * 1024 * 1024,
                    rollOnFileSizeLimit: true,
                    retainedFileCountLimit: 5,
                    // One writer: the shared mode takes a cross-process lock on every event, which cost more than the event.
                    shared: false,
                    outputTemplate: OutputTemplate),
            preserveStaticLogger: true);

    /// <summary>One line per request (method, path without the query, status, time), written by the host's logger.</summary>
    public static IApplicationBuilder UseHelperRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(o => o.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>());
}
