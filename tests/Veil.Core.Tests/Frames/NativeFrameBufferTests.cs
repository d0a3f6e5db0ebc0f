using Veil.Core.Frames;

namespace Veil.Core.Tests.Frames;

public sealed unsafe class NativeFrameBufferTests
{
    [Theory]
    [InlineData(1280, 720)]
    [InlineData(401, 251)]
    [InlineData(1, 1)]
    public void Planes_are_aligned_and_do_not_overlap(int width, int height)
    {
        using var buffer = new NativeFrameBuffer(width, height);
        var p = buffer.Planes;

        Assert.Equal((width, height), (p.Width, p.Height));
        Assert.Equal(((width + 1) / 2, (height + 1) / 2), (p.ChromaWidth, p.ChromaHeight));
        foreach (var address in new[] { (nint)p.Y, (nint)p.U, (nint)p.V, p.YStride, p.UStride })
            Assert.Equal(0, address % 64);
        Assert.True(p.YStride >= width && p.UStride >= p.ChromaWidth && p.VStride == p.UStride);
        Assert.True(p.U >= p.Y + (long)p.YStride * height);
        Assert.True(p.V >= p.U + (long)p.UStride * p.ChromaHeight);

        // Every row of every plane is writable without touching the others.
        for (int y = 0; y < height; y++) p.YRow(y).Fill(1);
        for (int y = 0; y < p.ChromaHeight; y++) { p.URow(y).Fill(2); p.VRow(y).Fill(3); }
        Assert.Equal(1, p.YRow(height - 1)[width - 1]);
        Assert.Equal(2, p.URow(p.ChromaHeight - 1)[p.ChromaWidth - 1]);
    }

    [Fact]
    public void Disposing_twice_is_harmless_and_planes_are_then_refused()
    {
        var buffer = new NativeFrameBuffer(64, 48);
        buffer.Dispose();
        buffer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => { _ = buffer.Planes.Width; });
    }

    [Fact]
    public void Sizes_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NativeFrameBuffer(-1, 10));
    }
}
