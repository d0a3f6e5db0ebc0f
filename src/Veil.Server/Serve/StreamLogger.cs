using System.Collections;
using Microsoft.Extensions.Logging;

namespace Veil.Server.Serve;

/// <summary>
/// A stream's logger for what the libraries log about its runs (Veil.Media's destinations and load
/// shedding, Veil.Vision's detection gate, the violation rules), which know nothing of streams: each
/// line reads "stream NAME: ..." as the stream's own lines (<see cref="StreamLog"/>) do, and carries
/// the name as the field Stream beside the line's own fields. MediaMTX's path puts its "[path NAME]"
/// in front of its sources' lines the same way.
/// </summary>
internal sealed class StreamLogger(ILogger inner, string stream) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel, eventId, new Line<TState>(stream, state), exception, (line, e) => $"stream {line.Stream}: {formatter(line.State, e)}");

    /// <summary>A line's fields with Stream first; its template ({OriginalFormat}) starts with "stream {Stream}: " too.</summary>
    private sealed class Line<TState>(string stream, TState state) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private const string Template = "{OriginalFormat}";
        private readonly IReadOnlyList<KeyValuePair<string, object?>> _fields = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];

        public string Stream => stream;
        public TState State => state;
        public int Count => _fields.Count + 1;

        public KeyValuePair<string, object?> this[int index] => index == 0 ? new("Stream", stream)
            : _fields[index - 1] is { Key: Template } template ? new(Template, "stream {Stream}: " + template.Value) : _fields[index - 1];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (int i = 0; i < Count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"stream {stream}: {state}";
    }
}
