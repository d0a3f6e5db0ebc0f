using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Veil.Media.Demux;

namespace Veil.Media.Pipeline;

/// <summary>
/// Keeps a live run near real time when the machine cannot keep up with its source, instead of
/// letting the backlog (and the latency) grow without bound. Age is counted from each packet's
/// arrival at the socket. Before redaction (detection is the costly part) a decoded frame is
/// dropped when it is older than <see cref="MaxFrameAge"/> with a newer one waiting, when the
/// processor is still working on a frame older than that (more work would only queue behind it),
/// or when the <see cref="FrameRateGovernor"/> thins the stream evenly because its output latency
/// stays over target (the look-ahead <paramref name="hold"/> plus a margin). Before decoding, when the decoder itself is behind (its queue full, packets
/// older than <see cref="MaxPacketAge"/>), video packets are skipped up to the next keyframe, the
/// only place a decoder can start again, when keyframes come at most 4 s apart. Nothing dropped is ever encoded, so this is as
/// fail-closed as the rest: a dropped frame is a frame not sent. A run's first frame is always
/// kept, and while the run catches up on its opening (at most 2 s) a frame or the processor is
/// behind only at 1.5 s, so a machine that keeps up loses nothing of what queued while the run
/// opened; one that does not keep up is found out within ten frames. Drops are counted and summed up in one
/// log line every 10 s.
/// </summary>
internal sealed class LoadShedder(ILogger log, TimeSpan hold)
{
    public static readonly TimeSpan MaxFrameAge = TimeSpan.FromMilliseconds(400), MaxPacketAge = TimeSpan.FromMilliseconds(1500);
    private static readonly TimeSpan MaxOpeningAge = TimeSpan.FromMilliseconds(1500);
    private static readonly TimeSpan MaxKeyframeGap = TimeSpan.FromSeconds(4), PacketGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10), StartGrace = TimeSpan.FromSeconds(2);
    private readonly object _reportGate = new();
    private readonly FrameRateGovernor _governor = new(hold);
    private bool _skippingToKeyframe, _keyframesOften, _openingOver;
    private int _openingFrames;
    private TimeSpan _openingAge;
    private double _lastKeyframe = double.NaN, _firstPacket = double.NaN;
    private long _firstFrameAt;
    private long _framesDropped, _packetsSkipped, _reportedFrames, _reportedPackets, _lastReport = Stopwatch.GetTimestamp();

    /// <summary>Frames dropped after decoding plus video packets skipped before it.</summary>
    public long Shed => Interlocked.Read(ref _framesDropped) + Interlocked.Read(ref _packetsSkipped);

    /// <summary>
    /// Demux stage: true when this video packet is skipped because the decoder itself is too far
    /// behind the source. Only where the next keyframe is near: a source whose keyframes are rare or
    /// only come on request (WebRTC) would lose everything up to one, so it is never skipped.
    /// </summary>
    public bool SkipPacket(MediaPacket packet, bool decoderBehind)
    {
        double at = packet.Pts * packet.TimeBase.ToDouble(); // stream time: a backlog drained fast says nothing of the GOP
        if (double.IsNaN(_firstPacket)) _firstPacket = at;
        if (packet.IsKeyframe)
        {
            _keyframesOften = !double.IsNaN(_lastKeyframe) && at - _lastKeyframe <= MaxKeyframeGap.TotalSeconds;
            _lastKeyframe = at;
            _skippingToKeyframe = false;
            return false;
        }
        bool keyframeNear = _keyframesOften && at - _lastKeyframe <= MaxKeyframeGap.TotalSeconds;
        bool opened = at - _firstPacket >= PacketGrace.TotalSeconds; // what queued while the run opened is no sign of a slow decoder
        if (!keyframeNear) _skippingToKeyframe = false;
        else if (!_skippingToKeyframe && opened && decoderBehind && Stopwatch.GetElapsedTime(packet.ArrivalTimestamp) > MaxPacketAge)
            _skippingToKeyframe = true;
        if (!_skippingToKeyframe) return false;
        Interlocked.Increment(ref _packetsSkipped);
        Report();
        return true;
    }

    /// <summary>
    /// Redact stage: true when this decoded frame is dropped: it is too old and a newer one waits
    /// behind it, or the processor is still working on a frame older than <see cref="MaxFrameAge"/>
    /// (more work now would only queue behind it).
    /// </summary>
    public bool DropFrame(long arrival, bool newerWaiting, long processorBehindSince)
    {
        var age = Stopwatch.GetElapsedTime(arrival);
        if (_firstFrameAt == 0)
        {
            Volatile.Write(ref _firstFrameAt, Stopwatch.GetTimestamp()); // the output starts with the source's first frame, however long opening took
            _openingAge = age;
            return false;
        }
        bool stale = newerWaiting && age > MaxFrameAge;
        bool saturated = processorBehindSince != 0 && Stopwatch.GetElapsedTime(processorBehindSince) > MaxFrameAge;
        if (Opening(age))
        {
            // What queued while the run opened (its probe, the models warming up, a first frame that runs every
            // model) is caught up at full speed, so a machine that keeps up loses none of it.
            stale = newerWaiting && age > MaxOpeningAge;
            saturated = processorBehindSince != 0 && Stopwatch.GetElapsedTime(processorBehindSince) > MaxOpeningAge;
        }
        if (!stale && !saturated && !_governor.Thin()) return false;
        Interlocked.Increment(ref _framesDropped);
        Report();
        return true;
    }

    /// <summary>
    /// True while the run is still catching up on its opening: for its first 2 s, and only while it
    /// gains on it. Ten frames in that are no younger than the first was, it is not catching up (the
    /// machine cannot keep up): from then on the rules are the steady ones.
    /// </summary>
    private bool Opening(TimeSpan age)
    {
        if (_openingOver) return false;
        if (Stopwatch.GetElapsedTime(_firstFrameAt) >= StartGrace || (++_openingFrames >= 10 && age >= _openingAge)) _openingOver = true;
        return !_openingOver;
    }

    /// <summary>A video packet left the run <paramref name="latency"/> after it arrived.</summary>
    public void Observe(TimeSpan latency)
    {
        long first = Volatile.Read(ref _firstFrameAt);
        if (first != 0 && Volatile.Read(ref _openingOver)) _governor.Observe(latency); // the opening's catch-up is no trend
    }

    /// <summary>Logs what was shed since the last summary (the run ends).</summary>
    public void Flush() => Report(force: true);

    private void Report(bool force = false)
    {
        if (!log.IsEnabled(LogLevel.Warning)) return;
        long frames, packets, newFrames, newPackets;
        double seconds;
        lock (_reportGate)
        {
            if (!force && Stopwatch.GetElapsedTime(_lastReport) < ReportEvery) return;
            if (Shed == _reportedFrames + _reportedPackets) return;
            (frames, packets) = (Interlocked.Read(ref _framesDropped), Interlocked.Read(ref _packetsSkipped));
            (newFrames, newPackets) = (frames - _reportedFrames, packets - _reportedPackets);
            seconds = Stopwatch.GetElapsedTime(_lastReport).TotalSeconds;
            (_reportedFrames, _reportedPackets) = (frames, packets);
            _lastReport = Stopwatch.GetTimestamp();
        }
        MediaLog.BehindSource(log, newFrames, newPackets, seconds, frames + packets, _governor.KeepEvery);
    }
}
