using System.Diagnostics;

namespace Veil.Media.Pipeline;

/// <summary>
/// Asks a run's encoder for a keyframe out of its GOP: a WebRTC viewer that joins (or lost a
/// picture) starts at the next frame instead of waiting up to a GOP. Any thread may ask; the
/// encode stage takes the request before its next frame, at most once per <see cref="MinInterval"/>
/// however many viewers ask, since every keyframe costs every output its bitrate.
/// </summary>
public sealed class KeyframeRequests
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);

    private int _pending;
    private long _lastForced = long.MinValue;

    public void Request() => Volatile.Write(ref _pending, 1);

    /// <summary>True when a keyframe was asked for and the last forced one is old enough; the request is then taken.</summary>
    public bool TakeDue()
    {
        if (Volatile.Read(ref _pending) == 0) return false;
        long now = Stopwatch.GetTimestamp();
        if (_lastForced != long.MinValue && Stopwatch.GetElapsedTime(_lastForced, now) < MinInterval) return false;
        Volatile.Write(ref _pending, 0);
        _lastForced = now;
        return true;
    }
}
