using OpenCvSharp;
using Veil.Core.Frames;

namespace Veil.Vision.Tests.Support;

/// <summary>An I420 frame in native memory filled from a BGR image, with copies of its planes.</summary>
internal sealed unsafe class TestFrame : IDisposable
{
    private readonly NativeFrameBuffer _buffer;

    public TestFrame(Mat bgr)
    {
        _buffer = new NativeFrameBuffer(bgr.Width, bgr.Height);
        Write(bgr, _buffer.Planes);
    }

    public YuvPlanes Planes => _buffer.Planes;
    public int Width => _buffer.Width;
    public int Height => _buffer.Height;

    public PlaneImage Y => Copy(Planes.Y, Planes.YStride, Width, Height);
    public PlaneImage U => Copy(Planes.U, Planes.UStride, Planes.ChromaWidth, Planes.ChromaHeight);
    public PlaneImage V => Copy(Planes.V, Planes.VStride, Planes.ChromaWidth, Planes.ChromaHeight);

    /// <summary>
    /// BGR to I420 through OpenCV, which needs even sizes: odd ones are padded by one replicated
    /// row or column first and the padding is not copied.
    /// </summary>
    public static void Write(Mat bgr, YuvPlanes planes)
    {
        int w = planes.Width, h = planes.Height, ew = w + (w & 1), eh = h + (h & 1);
        using var padded = new Mat();
        Cv2.CopyMakeBorder(bgr, padded, 0, eh - h, 0, ew - w, BorderTypes.Replicate);
        using var i420 = new Mat();
        Cv2.CvtColor(padded, i420, ColorConversionCodes.BGR2YUV_I420);
        byte* src = (byte*)i420.Data;
        int cw = ew / 2, ch = eh / 2;
        for (int y = 0; y < h; y++) new Span<byte>(src + y * ew, w).CopyTo(planes.YRow(y));
        for (int y = 0; y < ch; y++)
        {
            new Span<byte>(src + ew * eh + y * cw, cw).CopyTo(planes.URow(y));
            new Span<byte>(src + ew * eh + cw * ch + y * cw, cw).CopyTo(planes.VRow(y));
        }
    }

    /// <summary>The frame back in BGR, for pictures a person can check.</summary>
    public Mat ToBgr()
    {
        int w = Width, h = Height, ew = w + (w & 1), eh = h + (h & 1), cw = ew / 2, ch = eh / 2;
        using var i420 = new Mat(eh * 3 / 2, ew, MatType.CV_8UC1, Scalar.All(0));
        byte* dst = (byte*)i420.Data;
        var planes = Planes;
        for (int y = 0; y < eh; y++) planes.YRow(Math.Min(y, h - 1)).CopyTo(new Span<byte>(dst + y * ew, w));
        for (int y = 0; y < ch; y++)
        {
            planes.URow(y).CopyTo(new Span<byte>(dst + ew * eh + y * cw, cw));
            planes.VRow(y).CopyTo(new Span<byte>(dst + ew * eh + cw * ch + y * cw, cw));
        }
        using var padded = new Mat();
        Cv2.CvtColor(i420, padded, ColorConversionCodes.YUV2BGR_I420);
        return padded[new Rect(0, 0, w, h)].Clone();
    }

    private static PlaneImage Copy(byte* plane, int stride, int width, int height)
    {
        var data = new byte[width * height];
        for (int y = 0; y < height; y++) new Span<byte>(plane + (long)y * stride, width).CopyTo(data.AsSpan(y * width));
        return new PlaneImage(data, width, height);
    }

    public void Dispose() => _buffer.Dispose();
}
