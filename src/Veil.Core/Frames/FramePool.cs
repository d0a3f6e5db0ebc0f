using System.Collections.Concurrent;

namespace Veil.Core.Frames;

/// <summary>
/// A pool of native I420 frames of one size. Renting reuses a returned buffer when there is one,
/// so the steady state allocates nothing. Returning a frame twice throws: that ownership bug would
/// otherwise let two stages write one picture. <see cref="Outstanding"/> after a run finds leaks.
/// </summary>
public sealed class FramePool : IDisposable
{
    private readonly Func<IFrameBuffer> _allocate;
    private readonly ConcurrentBag<VideoFrame> _free = new();
    private readonly ConcurrentDictionary<VideoFrame, byte> _all = new();
    private int _outstanding;
    private bool _disposed;

    public FramePool(int width, int height, Func<int, int, IFrameBuffer> allocate)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"frame size {width}x{height} is not positive");
        Width = width;
        Height = height;
        _allocate = () => allocate(width, height);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Frames rented and not yet returned.</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>Native buffers this pool has allocated in its life.</summary>
    public int Allocated => _all.Count;

    public VideoFrame Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_free.TryTake(out var frame))
        {
            frame = new VideoFrame(this, _allocate());
            _all.TryAdd(frame, 0);
        }
        else
        {
            frame.Buffer.EnsureExclusive();
        }
        frame.TryMarkRented();
        frame.Pts = 0;
        frame.Time = TimeSpan.Zero;
        frame.Dropped = false;
        frame.Sequence = 0;
        frame.ArrivalTimestamp = 0;
        Interlocked.Increment(ref _outstanding);
        return frame;
    }

    internal void Return(VideoFrame frame)
    {
        if (!frame.TryMarkReturned())
            throw new InvalidOperationException("frame returned to its pool twice (ownership bug)");
        Interlocked.Decrement(ref _outstanding);
        if (_disposed) frame.Buffer.Dispose();
        else _free.Add(frame);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        // Frames still out are freed when their owner returns them.
        while (_free.TryTake(out var frame)) frame.Buffer.Dispose();
    }
}
