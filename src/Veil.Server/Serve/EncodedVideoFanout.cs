using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Veil.Media.Pipeline;

namespace Veil.Server.Serve;

/// <summary>
/// A stream's encoded video handed to any number of viewers (WHEP sessions) that come and go while
/// it runs, each through its own queue (<see cref="ViewerQueue"/>), so the mux thread only copies.
/// Copy-on-write list: the mux thread reads it without a lock. A viewer joining, or one that lost
/// a picture, asks the encoder for a keyframe through <see cref="Keyframes"/>.
/// </summary>
internal sealed class EncodedVideoFanout(ILogger? log = null) : IEncodedVideoTap
{
    private ViewerQueue[] _viewers = [];
    private readonly object _gate = new();
    private readonly ILogger _log = log ?? NullLogger.Instance;

    /// <summary>Handed to each run's encoder: where viewers ask for a keyframe.</summary>
    public KeyframeRequests Keyframes { get; } = new();

    public int Count => Volatile.Read(ref _viewers).Length;

    public void Add(IVideoViewer viewer)
    {
        var queue = new ViewerQueue(viewer, Keyframes, _log);
        lock (_gate) _viewers = [.. _viewers, queue];
    }

    public void Remove(IVideoViewer viewer)
    {
        lock (_gate)
        {
            foreach (var queue in _viewers.Where(q => q.Viewer == viewer)) queue.Complete();
            _viewers = _viewers.Where(q => q.Viewer != viewer).ToArray();
        }
    }

    public void OnVideo(ReadOnlySpan<byte> annexB, long ptsMicros, bool keyframe, ReadOnlySpan<byte> parameterSets)
    {
        foreach (var viewer in Volatile.Read(ref _viewers)) viewer.Offer(annexB, ptsMicros, keyframe, parameterSets);
    }
}
