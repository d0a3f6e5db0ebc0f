using OpenCvSharp;

namespace Veil.Server.Tests;

/// <summary>How much fine detail a picture holds: the variance of its Laplacian (blur drives it towards 0).</summary>
internal static class ImageDetail
{
    public static double LaplacianVariance(Mat image)
    {
        using var gray = new Mat();
        if (image.Channels() == 3) Cv2.CvtColor(image, gray, ColorConversionCodes.BGR2GRAY);
        else image.CopyTo(gray);
        using var lap = new Mat();
        Cv2.Laplacian(gray, lap, MatType.CV_64F);
        Cv2.MeanStdDev(lap, out _, out var std);
        return std.Val0 * std.Val0;
    }
}
