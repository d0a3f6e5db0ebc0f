using System.Diagnostics;

namespace Veil.Media.Pipeline;

/// <summary>
/// Thins a live run's frames evenly when its output latency stays over target: it keeps one frame
/// in <see cref="KeepEvery"/> before redaction, raising that while the smoothed latency (measured
/// as packets leave) is over <see cref="High"/> and lowering it again under <see cref="Low"/>. Even
/// thinning keeps motion smooth and tracking fed where dropping in bursts would not; whatever the
/// bottleneck (detection, encoding), the latency it causes is what it answers to.
/// </summary>
internal sealed class FrameRateGovernor
{
    private static readonly TimeSpan High = TimeSpan.FromMilliseconds(500), Low = TimeSpan.FromMilliseconds(250), Step = TimeSpan.FromMilliseconds(500);
    private const int MaxKeepEvery = 30;
    private long _smoothedTicks, _lastStep = Stopwatch.GetTimestamp();
    private int _keepEvery = 1, _seen;

    /// <summary>One frame in this many is kept (1: all).</summary>
    public int KeepEvery => Volatile.Read(ref _keepEvery);

    /// <summary>A video packet left <paramref name="latency"/> after its arrival (the mux thread).</summary>
    public void Observe(TimeSpan latency)
    {
        long smoothed = Volatile.Read(ref _smoothedTicks);
        Volatile.Write(ref _smoothedTicks, smoothed == 0 ? latency.Ticks : smoothed + (latency.Ticks - smoothed) / 8);
    }

    /// <summary>True when this frame is thinned out (the redact thread, once per frame).</summary>
    public bool Thin()
    {
        if (Stopwatch.GetElapsedTime(_lastStep) >= Step)
        {
            _lastStep = Stopwatch.GetTimestamp();
            var latency = TimeSpan.FromTicks(Volatile.Read(ref _smoothedTicks));
            if (latency > High) Volatile.Write(ref _keepEvery, Math.Min(MaxKeepEvery, _keepEvery + 1));
            else if (latency < Low && _keepEvery > 1) Volatile.Write(ref _keepEvery, _keepEvery - 1);
        }
        return _keepEvery > 1 && ++_seen % _keepEvery != 0;
    }
}
