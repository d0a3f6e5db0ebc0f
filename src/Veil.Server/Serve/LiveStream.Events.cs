using System.Diagnostics;

namespace Veil.Server.Serve;

/// <summary>
/// What the stream tells its hooks: published when a run gets its input, running once the picture
/// is within the limits, failed with the reason, and stopped, with the run's counts, at the end of
/// every run that was published (<see cref="StreamEventTypes"/>).
/// </summary>
internal sealed partial class LiveStream
{
    private readonly IStreamEvents? _hooks;
    private Stopwatch? _publishedAt; // set while a published run lasts: it owes a stopped

    private void RaisePublished(Dictionary<string, object?> details)
    {
        _publishedAt = Stopwatch.StartNew();
        details["attempt"] = Attempts;
        Raise(StreamEventTypes.Published, details);
    }

    private void RaiseFailed(string reason) =>
        Raise(StreamEventTypes.Failed, new Dictionary<string, object?> { ["reason"] = reason, ["attempt"] = Attempts });

    private void Raise(string type, IReadOnlyDictionary<string, object?> details) => _hooks?.Raise(type, Name, details);
}
