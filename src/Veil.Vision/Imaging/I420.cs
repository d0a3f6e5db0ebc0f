using OpenCvSharp;
using Veil.Core.Frames;

namespace Veil.Vision.Imaging;

/// <summary>BGR ↔ I420 for still images (OpenCV wants even sizes, so odd ones are padded by a pixel), and I420 scaled.</summary>
public static unsafe class I420
{
    public static void FromBgr(Mat bgr, YuvPlanes planes)
    {
        int w = Even(bgr.Width), h = Even(bgr.Height);
        using var padded = new Mat();
        Cv2.CopyMakeBorder(bgr, padded, 0, h - bgr.Height, 0, w - bgr.Width, BorderTypes.Replicate);
        using var yuv = new Mat();
        Cv2.CvtColor(padded, yuv, ColorConversionCodes.BGR2YUV_I420);
        byte* src = (byte*)yuv.Data;
        CopyPlane(src, w, planes.Y, planes.YStride, planes.Width, planes.Height);
        src += (long)w * h;
        CopyPlane(src, w / 2, planes.U, planes.UStride, planes.ChromaWidth, planes.ChromaHeight);
        src += (long)(w / 2) * (h / 2);
        CopyPlane(src, w / 2, planes.V, planes.VStride, planes.ChromaWidth, planes.ChromaHeight);
    }

    public static Mat ToBgr(YuvPlanes planes)
    {
        int w = Even(planes.Width), h = Even(planes.Height);
        using var yuv = new Mat(h * 3 / 2, w, MatType.CV_8UC1, Scalar.All(0));
        byte* dst = (byte*)yuv.Data;
        CopyPlane(planes.Y, planes.YStride, dst, w, planes.Width, planes.Height);
        dst += (long)w * h;
        CopyPlane(planes.U, planes.UStride, dst, w / 2, planes.ChromaWidth, planes.ChromaHeight);
        dst += (long)(w / 2) * (h / 2);
        CopyPlane(planes.V, planes.VStride, dst, w / 2, planes.ChromaWidth, planes.ChromaHeight);
        using var bgr = new Mat();
        Cv2.CvtColor(yuv, bgr, ColorConversionCodes.YUV2BGR_I420);
        return bgr[new Rect(0, 0, planes.Width, planes.Height)].Clone();
    }

    /// <summary>
    /// The planes scaled (area-averaged, plane by plane, no colour conversion) into packed I420 of
    /// <paramref name="width"/> x <paramref name="height"/> (both even): Y, then U, then V.
    /// </summary>
    public static void ScaleTo(YuvPlanes planes, Span<byte> packed, int width, int height)
    {
        int cw = width / 2, ch = height / 2;
        if ((width | height) % 2 != 0 || packed.Length < width * height * 3 / 2) throw new ArgumentException($"packed I420 of {width}x{height} needs even sides and {width * height * 3 / 2} bytes");
        fixed (byte* y = packed)
        {
            byte* u = y + width * height, v = u + cw * ch;
            NativeCv.Resize(planes.Y, planes.YStride, planes.Width, planes.Height, y, width, width, height, InterpolationFlags.Area);
            NativeCv.Resize(planes.U, planes.UStride, planes.ChromaWidth, planes.ChromaHeight, u, cw, cw, ch, InterpolationFlags.Area);
            NativeCv.Resize(planes.V, planes.VStride, planes.ChromaWidth, planes.ChromaHeight, v, cw, cw, ch, InterpolationFlags.Area);
        }
    }

    private static void CopyPlane(byte* src, int srcStride, byte* dst, int dstStride, int width, int height)
    {
        for (int y = 0; y < height; y++)
            new ReadOnlySpan<byte>(src + (long)y * srcStride, width).CopyTo(new Span<byte>(dst + (long)y * dstStride, width));
    }

    private static int Even(int v) => (v + 1) & ~1;
}
