namespace Veil.Media.Demux;

/// <summary>
/// When each byte of a <see cref="StreamFeed"/> arrived: a ring of (end offset, Stopwatch time) per
/// write, writes within the same millisecond merged, so a packet's latency can count from its
/// arrival at the socket instead of from the demuxer's read (the time spent queued in the feed is
/// latency too). Fixed size, no allocation per write; the caller holds the feed's lock.
/// </summary>
internal sealed class FeedArrivals
{
    private const int Capacity = 4096;
    private static readonly long MergeTicks = System.Diagnostics.Stopwatch.Frequency / 1000;
    private readonly long[] _end = new long[Capacity];
    private readonly long[] _time = new long[Capacity];
    private int _first, _count;

    /// <summary>Bytes up to (not including) <paramref name="endOffset"/> arrived at <paramref name="time"/>.</summary>
    public void Add(long endOffset, long time)
    {
        if (_count > 0)
        {
            int last = (_first + _count - 1) % Capacity;
            if (time - _time[last] < MergeTicks)
            {
                _end[last] = endOffset;
                return;
            }
        }
        if (_count == Capacity)
        {
            _first = (_first + 1) % Capacity;
            _count--;
        }
        int at = (_first + _count) % Capacity;
        (_end[at], _time[at]) = (endOffset, time);
        _count++;
    }

    /// <summary>
    /// When byte <paramref name="offset"/> arrived; the oldest time remembered for an offset older
    /// than the ring (an upper bound of its age is better than none), 0 when nothing arrived yet.
    /// </summary>
    public long TimeOf(long offset)
    {
        if (_count == 0) return 0;
        int lo = 0, hi = _count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (_end[(_first + mid) % Capacity] > offset) hi = mid;
            else lo = mid + 1;
        }
        return _time[(_first + lo) % Capacity];
    }
}
