using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Veil.Vision.Redaction;

/// <summary>
/// Native scratch memory that grows to the largest size asked and is then reused, so redacting
/// regions of changing sizes does not allocate pixel memory every frame. Only Mat headers are made
/// per call, over this memory; they are valid until the next <see cref="Wrap"/>.
/// </summary>
internal sealed unsafe class ScratchBuffer : IDisposable
{
    private byte* _data;
    private nuint _capacity;

    public Mat Wrap(int rows, int cols)
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
        return Mat.FromPixelData(rows, cols, MatType.CV_8UC1, (IntPtr)_data, cols);
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_data);
        _data = null;
        _capacity = 0;
    }
}
