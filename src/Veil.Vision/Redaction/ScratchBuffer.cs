using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Veil.Vision.Redaction;

/// <summary>
/// Native scratch memory that grows to the largest size asked and is then reused, so redacting
/// regions of changing sizes does not allocate pixel memory every frame. What it hands out is
/// valid until the next call.
/// </summary>
internal sealed unsafe class ScratchBuffer : IDisposable
{
    private byte* _data;
    private nuint _capacity;

    /// <summary>The memory as a Mat header (the polygon path's masks).</summary>
    public Mat Wrap(int rows, int cols)
    {
        var plane = Plane(rows, cols);
        return Mat.FromPixelData(rows, cols, MatType.CV_8UC1, (IntPtr)plane.Data, cols);
    }

    /// <summary>The memory as a plane of <paramref name="cols"/> by <paramref name="rows"/>, rows packed.</summary>
    public Plane8 Plane(int rows, int cols)
    {
        var needed = (nuint)rows * (nuint)cols;
        if (needed > _capacity)
        {
            NativeMemory.AlignedFree(_data);
            _data = null;
            // Grow by half again so a slowly growing box does not reallocate each frame.
            _capacity = Math.Max(needed, _capacity + _capacity / 2);
            _data = (byte*)NativeMemory.AlignedAlloc(_capacity, 64);
        }
        return new Plane8(_data, cols, cols, rows);
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_data);
        _data = null;
        _capacity = 0;
    }
}
