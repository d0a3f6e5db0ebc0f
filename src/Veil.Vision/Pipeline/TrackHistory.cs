using Veil.Vision.Tracking;

namespace Veil.Vision.Pipeline;

/// <summary>
/// The face and plate tracks as they stood after each of the last frames tracked, so a frame's
/// look is planned from the tracks after a fixed earlier frame: how far tracking has got when a
/// frame arrives depends on how fast the workers are, and the output must not.
/// </summary>
internal sealed class TrackHistory
{
    private const int Capacity = 16;
    private readonly Entry[] _ring = Enumerable.Range(0, Capacity).Select(_ => new Entry()).ToArray();
    private int _next;

    public sealed class Entry
    {
        public long Sequence { get; set; } = -1;
        public TimeSpan Time { get; set; }
        public List<TrackSnapshot> Faces { get; } = new();
        public List<TrackSnapshot> Plates { get; } = new();
    }

    /// <summary>Records the tracks after frame <paramref name="sequence"/> (frames are tracked in order).</summary>
    public void Record(TrackSet tracks, long sequence, TimeSpan time)
    {
        var entry = _ring[_next];
        _next = (_next + 1) % Capacity;
        entry.Sequence = sequence;
        entry.Time = time;
        entry.Faces.Clear();
        entry.Plates.Clear();
        tracks.Snapshot(time, entry.Faces, entry.Plates);
    }

    /// <summary>The tracks after the latest frame tracked no later than <paramref name="sequence"/>, or null.</summary>
    public Entry? AtOrBefore(long sequence)
    {
        Entry? best = null;
        foreach (var e in _ring)
            if (e.Sequence >= 0 && e.Sequence <= sequence && (best is null || e.Sequence > best.Sequence)) best = e;
        return best;
    }
}
