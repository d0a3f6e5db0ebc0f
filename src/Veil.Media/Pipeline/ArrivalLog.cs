namespace Veil.Media.Pipeline;

/// <summary>
/// Remembers when each frame arrived, by its timestamp, until its encoded packet comes out (the
/// encoder may hold a few frames). A fixed ring: no allocation per frame.
/// </summary>
internal sealed class ArrivalLog
{
    private readonly long[] _pts = new long[256];
    private readonly long[] _arrival = new long[256];
    private int _next;

    public void Remember(long pts, long arrival)
    {
        lock (_pts)
        {
            _pts[_next] = pts;
            _arrival[_next] = arrival;
            _next = (_next + 1) % _pts.Length;
        }
    }

    /// <summary>The arrival of the frame with this timestamp, or 0 when it is no longer known.</summary>
    public long Recall(long pts)
    {
        lock (_pts)
        {
            for (int k = 1; k <= _pts.Length; k++)
            {
                int i = (_next - k + _pts.Length) % _pts.Length;
                if (_pts[i] == pts) return _arrival[i];
            }
            return 0;
        }
    }
}
