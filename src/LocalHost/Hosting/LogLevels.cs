using Serilog;
using Serilog.Events;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// Reads <c>Serilog:MinimumLevel:Default</c> and <c>Serilog:MinimumLevel:Override:*</c> directly: the full
/// configuration reader scans assemblies for sinks at start, which costs cold-start time for nothing we use.
/// </summary>
public static class LogLevels
{
    public static LoggerConfiguration ApplyLevels(this LoggerConfiguration logger, IConfiguration configuration)
    {
        var section = configuration.GetSection("Serilog:MinimumLevel");
        logger.MinimumLevel.Is(Parse(section["Default"], LogEventLevel.Information));
        foreach (var entry in section.GetSection("Override").GetChildren())
        {
            logger.MinimumLevel.Override(entry.Key, Parse(entry.Value, LogEventLevel.Information));
        }

        return logger;
    }

    private static LogEventLevel Parse(string? value, LogEventLevel fallback) =>
        Enum.TryParse<LogEventLevel>(value, ignoreCase: true, out var level) ? level : fallback;
}
