using System.Diagnostics;
using Veil.Media.Demux;

namespace Veil.Media.Pipeline;

/// <summary>
/// Keeps a live run near real time when the machine cannot keep up with its source, instead of
/// letting the backlog (and the latency) grow without bound. Age is counted from each packet's
/// arrival at the socket. Two places shed. Before redaction, a decoded frame older than
/// <see cref="MaxFrameAge"/> is dropped when a newer one is already waiting: detection, the costly
/// part, never runs on a frame that would leave late, and a run that starts behind (its first
/// seconds were buffered while it opened) catches up in a few frames. Before decoding, when the
/// decoder itself is behind (its queue full, packets older than <see cref="MaxPacketAge"/>), video
/// packets are skipped up to the next keyframe, the only place a decoder can start again. Nothing
/// dropped is ever encoded, so this is as fail-closed as the rest: a dropped frame is a frame not
/// sent. Drops are counted and summed up in one log line every 10 s.
/// </summary>
internal sealed class LoadShedder(Action<string>? log)
{
    public static readonly TimeSpan MaxFrameAge = TimeSpan.FromMilliseconds(400), MaxPacketAge = TimeSpan.FromMilliseconds(1500);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);
    private readonly object _reportGate = new();
    private bool _skippingToKeyframe, _firstFrameKept;
    private long _framesDropped, _packetsSkipped, _reportedFrames, _reportedPackets, _lastReport = Stopwatch.GetTimestamp();

    /// <summary>Frames dropped after decoding plus video packets skipped before it.</summary>
    public long Shed => Interlocked.Read(ref _framesDropped) + Interlocked.Read(ref _packetsSkipped);

    /// <summary>Demux stage: true when this video packet is skipped (the decoder is too far behind the source to decode it).</summary>
    public bool SkipPacket(MediaPacket packet, bool decoderBehind)
    {
        if (_skippingToKeyframe && packet.IsKeyframe) _skippingToKeyframe = false; // a long GOP must not mean nothing at all
        else if (!_skippingToKeyframe && !packet.IsKeyframe && decoderBehind && Stopwatch.GetElapsedTime(packet.ArrivalTimestamp) > MaxPacketAge)
            _skippingToKeyframe = true;
        if (!_skippingToKeyframe) return false;
        Interlocked.Increment(ref _packetsSkipped);
        Report();
        return true;
    }

    /// <summary>Redact stage: true when this decoded frame is dropped (too old, and a newer one waits behind it).</summary>
    public bool DropFrame(long arrival, bool newerWaiting)
    {
        if (!_firstFrameKept)
        {
            _firstFrameKept = true; // the output starts with the source's first frame, however long opening took
            return false;
        }
        if (!newerWaiting || Stopwatch.GetElapsedTime(arrival) <= MaxFrameAge) return false;
        Interlocked.Increment(ref _framesDropped);
        Report();
        return true;
    }

    private void Report()
    {
        if (log is null) return;
        string line;
        lock (_reportGate)
        {
            if (Stopwatch.GetElapsedTime(_lastReport) < ReportEvery) return;
            _lastReport = Stopwatch.GetTimestamp();
            long frames = Interlocked.Read(ref _framesDropped), packets = Interlocked.Read(ref _packetsSkipped);
            line = $"behind its source: dropped {frames - _reportedFrames} frame(s) before redaction and skipped {packets - _reportedPackets} packet(s) to a keyframe before decoding in the last {ReportEvery.TotalSeconds:0} s, to stay near real time ({frames + packets} in all)";
            (_reportedFrames, _reportedPackets) = (frames, packets);
        }
        log(line);
    }
}
