using Veil.Media.Interop;

namespace Veil.Media.Codecs;

/// <summary>
/// Keyframes by time, not by frame count: the encoder's GOP is set in frames from the source's
/// frame rate, which a variable-rate source (WebRTC, a phone) reports wrongly. A WHIP publish
/// probed at 1000 fps got a GOP of 2,000 frames, 80 s, and an RTMP server that starts each player
/// at a keyframe (nginx-rtmp's wait_key) showed new viewers audio only. This asks for a keyframe
/// whenever the GOP's time has passed since the last one on the frames' own clock.
/// </summary>
public sealed class GopClock(double gopSeconds, AvRational timeBase)
{
    private readonly long _gopTicks = Math.Max(1, (long)(gopSeconds / timeBase.ToDouble()));
    private long _lastKey = long.MinValue;

    /// <summary>True when the frame at <paramref name="pts"/> should be a keyframe (the first one is, and then every GOP).</summary>
    public bool Due(long pts) => _lastKey == long.MinValue || pts - _lastKey >= _gopTicks || pts < _lastKey;

    /// <summary>Notes a keyframe the encoder made, forced or its own.</summary>
    public void Keyframe(long pts) => _lastKey = pts;
}
