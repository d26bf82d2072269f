using Microsoft.Extensions.Logging;

namespace MeshFed.Gateway.Tests;

/// <summary>A logger factory that keeps every formatted line, for tests that check what an operator would read.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly List<string> _lines = [];

    public CapturedLogs() => Factory = LoggerFactory.Create(builder => builder.AddProvider(this).SetMinimumLevel(LogLevel.Information));

    public ILoggerFactory Factory { get; }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
                return [.. _lines];
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lines)
                owner._lines.Add($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
