using OpenCvSharp;

namespace Veil.Server.Tests;

/// <summary>How much fine detail a picture holds, and how much of one picture's detail another keeps.</summary>
internal static class ImageDetail
{
    /// <summary>The variance of the Laplacian of the grey picture: blur drives it towards 0.</summary>
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

    /// <summary>
    /// How much of <paramref name="input"/>'s fine detail is still in <paramref name="output"/> within
    /// <paramref name="rect"/>, whatever the redaction style: the correlation of the two pictures'
    /// high-pass parts (grey picture minus its Gaussian blur). About 1 where only the encoder touched
    /// the picture, about 0 where blur, mosaic or fill replaced it.
    /// </summary>
    public static double DetailCorrelation(Mat input, Mat output, Rect rect)
    {
        using var a = HighPass(input[rect]);
        using var b = HighPass(output[rect]);
        double ab = a.Dot(b), aa = a.Dot(a), bb = b.Dot(b);
        return aa == 0 || bb == 0 ? 0 : ab / Math.Sqrt(aa * bb);
    }

    private static Mat HighPass(Mat bgr)
    {
        using var gray = new Mat();
        if (bgr.Channels() == 3) Cv2.CvtColor(bgr, gray, ColorConversionCodes.BGR2GRAY);
        else bgr.CopyTo(gray);
        using var f = new Mat();
        gray.ConvertTo(f, MatType.CV_64F);
        using var low = new Mat();
        Cv2.GaussianBlur(f, low, new Size(0, 0), 2);
        var high = new Mat();
        Cv2.Subtract(f, low, high);
        return high;
    }
}
