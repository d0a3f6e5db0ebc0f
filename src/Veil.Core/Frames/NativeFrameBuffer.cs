using System.Runtime.InteropServices;

namespace Veil.Core.Frames;

/// <summary>
/// An I420 picture in one block of aligned native memory, for sources that do not decode into
/// FFmpeg's own buffers, tests and benchmarks. Rows are padded to 64 bytes so SIMD loops and
/// encoders that read whole vectors never cross into the next plane.
/// </summary>
public sealed unsafe class NativeFrameBuffer : IFrameBuffer
{
    private const int Alignment = 64;
    private byte* _memory;

    public NativeFrameBuffer(int width, int height)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"frame size {width}x{height} is not positive");
        Width = width;
        Height = height;
        YStride = Align(width);
        ChromaStride = Align((width + 1) / 2);
        YSize = (long)YStride * height;
        ChromaSize = (long)ChromaStride * ((height + 1) / 2);
        _memory = (byte*)NativeMemory.AlignedAlloc((nuint)(YSize + 2 * ChromaSize), Alignment);
    }

    /// <summary>An allocator for <see cref="FramePool"/>.</summary>
    public static IFrameBuffer Allocate(int width, int height) => new NativeFrameBuffer(width, height);

    public int Width { get; }
    public int Height { get; }
    public int YStride { get; }
    public int ChromaStride { get; }
    private long YSize { get; }
    private long ChromaSize { get; }

    public YuvPlanes Planes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_memory == null, this);
            return new YuvPlanes(_memory, YStride, _memory + YSize, ChromaStride,
                _memory + YSize + ChromaSize, ChromaStride, Width, Height);
        }
    }

    /// <summary>Nothing else ever references this memory.</summary>
    public void EnsureExclusive() { }

    public void Dispose()
    {
        if (_memory == null) return;
        NativeMemory.AlignedFree(_memory);
        _memory = null;
    }

    private static int Align(int bytes) => (bytes + Alignment - 1) / Alignment * Alignment;
}
