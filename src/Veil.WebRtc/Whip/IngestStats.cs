using System.Collections.Concurrent;

namespace Veil.WebRtc.Whip;

/// <summary>A publisher session's counters, read by the API and tests while the session thread writes them.</summary>
public sealed class IngestStats
{
    private readonly ConcurrentDictionary<string, long> _rejected = new();

    public long VideoPackets { get; internal set; }
    public long AudioPackets { get; internal set; }
    public long VideoFrames { get; internal set; }
    public long NacksSent { get; internal set; }
    public long PlisSent { get; internal set; }

    /// <summary>Packets dropped, by reason.</summary>
    public IReadOnlyDictionary<string, long> Rejected => _rejected;

    internal void Reject(string reason) => _rejected.AddOrUpdate(reason, 1, (_, n) => n + 1);
}
