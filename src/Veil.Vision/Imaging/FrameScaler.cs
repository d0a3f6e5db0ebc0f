using OpenCvSharp;
using Veil.Core.Frames;
using Veil.Core.Geometry;

namespace Veil.Vision.Imaging;

/// <summary>
/// Makes the small BGR pictures detectors read, straight from a region of an I420 frame: each
/// plane's region is resized first (full-resolution pixels are never converted), then the small
/// I420 picture is converted to BGR. Buffers are reused; the returned Mat is valid until the next call.
/// </summary>
public sealed unsafe class FrameScaler : IDisposable
{
    private readonly Mat _i420 = new();
    private readonly Mat _bgr = new();

    /// <summary>The region <paramref name="roi"/> of the frame as BGR of size <paramref name="width"/> x <paramref name="height"/> (rounded up to even).</summary>
    public Mat ToBgr(YuvPlanes planes, PixelRect roi, int width, int height)
    {
        roi = roi.ClampTo(planes.Width, planes.Height);
        if (roi.IsEmpty) throw new ArgumentException("region outside the frame", nameof(roi));
        width = Math.Max(2, (width + 1) & ~1);
        height = Math.Max(2, (height + 1) & ~1);
        _i420.Create(height * 3 / 2, width, MatType.CV_8UC1);
        byte* dst = (byte*)_i420.Data;

        Resize(planes.Y + (long)roi.Y * planes.YStride + roi.X, planes.YStride, roi.Width, roi.Height, dst, width, width, height);
        int cx0 = roi.X / 2, cy0 = roi.Y / 2;
        int cw = Math.Max(1, Math.Min(planes.ChromaWidth, (roi.Right + 1) / 2) - cx0);
        int ch = Math.Max(1, Math.Min(planes.ChromaHeight, (roi.Bottom + 1) / 2) - cy0);
        dst += (long)width * height;
        Resize(planes.U + (long)cy0 * planes.UStride + cx0, planes.UStride, cw, ch, dst, width / 2, width / 2, height / 2);
        dst += (long)(width / 2) * (height / 2);
        Resize(planes.V + (long)cy0 * planes.VStride + cx0, planes.VStride, cw, ch, dst, width / 2, width / 2, height / 2);

        NativeCv.CvtColor(_i420, _bgr, ColorConversionCodes.YUV2BGR_I420);
        return _bgr;
    }

    private static void Resize(byte* src, int srcStride, int srcW, int srcH, byte* dst, int dstStride, int dstW, int dstH)
    {
        bool shrinks = dstW * 3 < srcW * 2;
        NativeCv.Resize(src, srcStride, srcW, srcH, dst, dstStride, dstW, dstH, shrinks ? InterpolationFlags.Area : InterpolationFlags.Linear);
    }

    public void Dispose()
    {
        _i420.Dispose();
        _bgr.Dispose();
    }
}
