namespace Veil.WebRtc.Whip;

/// <summary>
/// One track's RTP timestamps as milliseconds on the session's clock: the track's first packet
/// sits at the wall-clock time it arrived (so audio and video line up without RTCP SR), later ones
/// at that plus their RTP time since, 32-bit wraparound unwound.
/// </summary>
internal sealed class RtpClock(int clockRate)
{
    private bool _started;
    private uint _last;
    private long _ticks, _originMs;

    public long ToMilliseconds(uint timestamp, long arrivalMs)
    {
        if (!_started)
        {
            _started = true;
            _last = timestamp;
            _originMs = arrivalMs;
        }
        _ticks += (int)(timestamp - _last); // signed: a reordered earlier frame steps back
        _last = timestamp;
        return Math.Max(0, _originMs + _ticks * 1000 / clockRate);
    }
}
