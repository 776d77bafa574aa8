using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CertPlatform.TestSupport;

/// <summary>Every log line the services write, formatted, to assert what support would read (and what it must never read).</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public string Text => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>A typed logger writing here, for a service constructed by hand.</summary>
    public ILogger<T> For<T>() => new Logger<T>(new CapturingFactory(this));

    public void Dispose()
    {
    }

    private sealed class CapturingFactory(CapturedLog log) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => log.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._lines.Enqueue($"{logLevel} {category} {formatter(state, exception)} {exception?.Message}");
    }
}
