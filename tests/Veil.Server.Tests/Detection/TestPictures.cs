using OpenCvSharp;
using Veil.Core.Frames;
using Veil.Vision.Imaging;

namespace Veil.Server.Tests.Detection;

/// <summary>The first picture of a labelled set as an I420 frame, for detection tests that run in process.</summary>
internal static class TestPictures
{
    /// <param name="size">Scaled to this size; null keeps the picture's own (cut to even sides, as I420 needs).</param>
    public static NativeFrameBuffer FirstOf(string set, Size? size = null)
    {
        string path = Directory.EnumerateFiles(set, "*.jpg", SearchOption.AllDirectories).Order().First();
        using var bgr = Cv2.ImRead(path);
        using var even = new Mat(bgr, new Rect(0, 0, bgr.Width & ~1, bgr.Height & ~1));
        using var scaled = size is { } s ? bgr.Resize(s) : even.Clone();
        var frame = new NativeFrameBuffer(scaled.Width, scaled.Height);
        I420.FromBgr(scaled, frame.Planes);
        return frame;
    }
}
