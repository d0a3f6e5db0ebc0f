using Microsoft.Extensions.Logging;

namespace Veil.TestSupport.Logging;

/// <summary>
/// An <see cref="ILogger"/> that keeps every line, for tests that pin log lines' words, levels, event ids
/// and fields ([LoggerMessage] methods pass their values as named fields). Safe to log to from several threads.
/// </summary>
public sealed class CapturingLogger : ILogger
{
    private readonly List<CapturedLine> _lines = new();

    /// <summary>The lines so far, in order.</summary>
    public IReadOnlyList<CapturedLine> Lines
    {
        get { lock (_lines) return _lines.ToList(); }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : new();
        lock (_lines) _lines.Add(new CapturedLine(logLevel, eventId, formatter(state, exception), fields));
    }
}
