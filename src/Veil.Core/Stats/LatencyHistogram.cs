namespace Veil.Core.Stats;

/// <summary>
/// Latency percentiles without storing samples or allocating: counts in logarithmic buckets (5 %
/// wide) from 0.1 ms to about 17 minutes. Thread-safe for one writer and any readers.
/// </summary>
public sealed class LatencyHistogram
{
    private const double MinMs = 0.1, Growth = 1.05;
    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly long[] _buckets = new long[330];
    private long _count;
    private double _maxMs;

    public long Count => Interlocked.Read(ref _count);

    public void Record(TimeSpan latency)
    {
        double ms = Math.Max(latency.TotalMilliseconds, 0);
        int i = ms <= MinMs ? 0 : Math.Min(_buckets.Length - 1, 1 + (int)(Math.Log(ms / MinMs) / LogGrowth));
        Interlocked.Increment(ref _buckets[i]);
        Interlocked.Increment(ref _count);
        if (ms > _maxMs) _maxMs = ms;
    }

    /// <summary>The latency below which <paramref name="fraction"/> of samples fall (upper bucket edge), in ms.</summary>
    public double PercentileMs(double fraction)
    {
        long total = Count;
        if (total == 0) return 0;
        long rank = (long)Math.Ceiling(fraction * total), seen = 0;
        for (int i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= rank) return Math.Min(_maxMs, i == 0 ? MinMs : MinMs * Math.Pow(Growth, i));
        }
        return _maxMs;
    }

    public double MaxMs => _maxMs;
}
