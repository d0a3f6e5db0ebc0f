using Veil.Core.Frames;

namespace Veil.Core.Tests.Frames;

public sealed class FramePoolTests
{
    [Fact]
    public void Outstanding_counts_rented_frames()
    {
        using var pool = new FramePool(64, 48, NativeFrameBuffer.Allocate);

        var a = pool.Rent();
        var b = pool.Rent();
        Assert.Equal(2, pool.Outstanding);

        a.Release();
        Assert.Equal(1, pool.Outstanding);
        b.Release();
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(2, pool.Allocated);
    }

    [Fact]
    public void A_returned_frame_is_reused_without_allocating()
    {
        using var pool = new FramePool(64, 48, NativeFrameBuffer.Allocate);
        var first = pool.Rent();
        var buffer = first.Buffer;
        first.Release();

        var second = pool.Rent();

        Assert.Same(buffer, second.Buffer);
        Assert.Equal(1, pool.Allocated);
        second.Release();
    }

    [Fact]
    public void Renting_resets_the_timestamps()
    {
        using var pool = new FramePool(64, 48, NativeFrameBuffer.Allocate);
        var frame = pool.Rent();
        frame.Pts = 42;
        frame.Sequence = 7;
        frame.ArrivalTimestamp = 99;
        frame.Release();

        var again = pool.Rent();

        Assert.Equal((0L, 0L, 0L), (again.Pts, again.Sequence, again.ArrivalTimestamp));
        again.Release();
    }

    [Fact]
    public void Returning_a_frame_twice_throws_and_keeps_the_count()
    {
        using var pool = new FramePool(64, 48, NativeFrameBuffer.Allocate);
        var frame = pool.Rent();
        frame.Release();

        var e = Assert.Throws<InvalidOperationException>(frame.Release);

        Assert.Contains("twice", e.Message);
        Assert.Equal(0, pool.Outstanding);
        // The double return must not have put the frame in the free list twice.
        var a = pool.Rent();
        var b = pool.Rent();
        Assert.NotSame(a, b);
        a.Release();
        b.Release();
    }

    [Fact]
    public void Reuse_asks_the_buffer_for_exclusive_access()
    {
        var buffers = new List<CountingBuffer>();
        using var pool = new FramePool(8, 8, (w, h) => { var b = new CountingBuffer(w, h); buffers.Add(b); return b; });

        pool.Rent().Release();
        pool.Rent().Release();

        Assert.Equal(1, buffers.Single().ExclusiveCalls);
    }

    [Fact]
    public void Dispose_frees_idle_buffers_now_and_rented_ones_on_return()
    {
        var buffers = new List<CountingBuffer>();
        var pool = new FramePool(8, 8, (w, h) => { var b = new CountingBuffer(w, h); buffers.Add(b); return b; });
        var kept = pool.Rent();
        pool.Rent().Release();

        pool.Dispose();

        Assert.Equal([0, 1], buffers.Select(b => b.Disposals));
        kept.Release();
        Assert.Equal([1, 1], buffers.Select(b => b.Disposals));
        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
    }

    [Fact]
    public void Many_threads_renting_and_returning_keep_the_books()
    {
        using var pool = new FramePool(16, 16, NativeFrameBuffer.Allocate);

        Parallel.For(0, 8, _ =>
        {
            for (int i = 0; i < 2_000; i++) pool.Rent().Release();
        });

        Assert.Equal(0, pool.Outstanding);
        Assert.InRange(pool.Allocated, 1, 8);
    }

    [Fact]
    public void Sizes_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FramePool(0, 10, NativeFrameBuffer.Allocate));
    }

    private sealed unsafe class CountingBuffer(int width, int height) : IFrameBuffer
    {
        public int Width { get; } = width;
        public int Height { get; } = height;
        public int ExclusiveCalls { get; private set; }
        public int Disposals { get; private set; }
        public YuvPlanes Planes => default;
        public void EnsureExclusive() => ExclusiveCalls++;
        public void Dispose() => Disposals++;
    }
}
