namespace Veil.Core.Frames;

/// <summary>
/// One decoded picture travelling through the stages. Exactly one stage owns it at a time; a
/// successful hand-off transfers ownership and the last owner calls <see cref="Release"/>.
/// </summary>
public sealed class VideoFrame
{
    private readonly FramePool _pool;
    private int _rented;

    internal VideoFrame(FramePool pool, IFrameBuffer buffer)
    {
        _pool = pool;
        Buffer = buffer;
    }

    public IFrameBuffer Buffer { get; }
    public int Width => Buffer.Width;
    public int Height => Buffer.Height;

    /// <summary>Presentation time in the source stream's time base.</summary>
    public long Pts { get; set; }

    /// <summary>Presentation time as a duration from the stream's start (for trackers and look-ahead).</summary>
    public TimeSpan Time { get; set; }

    /// <summary>
    /// Set by a processor that could not make this frame safe and was told to drop rather than
    /// obscure it: the encoder skips it (counted), so it never leaves the process.
    /// </summary>
    public bool Dropped { get; set; }

    /// <summary>Frame number in decode order, from 0.</summary>
    public long Sequence { get; set; }

    /// <summary>When the compressed packet of this frame arrived (Stopwatch ticks), for latency.</summary>
    public long ArrivalTimestamp { get; set; }

    public YuvPlanes Planes => Buffer.Planes;

    internal bool TryMarkRented() => Interlocked.Exchange(ref _rented, 1) == 0;
    internal bool TryMarkReturned() => Interlocked.Exchange(ref _rented, 0) == 1;

    /// <summary>Gives the frame back to its pool. Releasing twice throws: that is an ownership bug.</summary>
    public void Release() => _pool.Return(this);
}
