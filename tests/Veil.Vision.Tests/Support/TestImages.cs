using OpenCvSharp;
using Veil.TestSupport;

namespace Veil.Vision.Tests.Support;

/// <summary>
/// Real photographs for the tests, read where they lie (never copied into git): the shared
/// faces-dev set, or OpenCV's sample data when installed. Without either, a textured synthetic
/// image keeps the tests meaningful on a bare machine.
/// </summary>
internal static class TestImages
{
    /// <summary>400x225 (odd height), with a 118x122 face at <see cref="FaceBox"/>.</summary>
    public const string FacePhoto = "maksssksksss168.jpg";
    public static readonly Rect FaceBox = new(169, 66, 118, 122);

    private static readonly Lazy<string?> FacesDir = new(FindFacesDir);

    public static bool HaveFaces => FacesDir.Value is not null;

    /// <summary>The face photo in BGR, or a synthetic image of the same size.</summary>
    public static Mat LoadFacePhoto() => LoadFaces(FacePhoto) ?? Synthetic(400, 225);

    /// <summary>A real photo scaled to the given size (a synthetic one when none is available).</summary>
    public static Mat Photo(int width, int height)
    {
        using var source = LoadFaces("maksssksksss0.jpg") ?? LoadOpenCvSample() ?? Synthetic(width, height);
        var scaled = new Mat();
        Cv2.Resize(source, scaled, new Size(width, height), 0, 0, InterpolationFlags.Area);
        return scaled;
    }

    private static Mat? LoadFaces(string file)
    {
        if (FacesDir.Value is not { } dir) return null;
        var path = Path.Combine(dir, file);
        if (!File.Exists(path)) return null;
        var image = Cv2.ImRead(path, ImreadModes.Color);
        return image.Empty() ? null : image;
    }

    private static Mat? LoadOpenCvSample()
    {
        foreach (var path in new[] { "/usr/share/opencv4/samples/data/lena.jpg", "/usr/share/opencv4/samples/data/baboon.jpg" })
            if (File.Exists(path)) return Cv2.ImRead(path, ImreadModes.Color);
        return null;
    }

    private static string? FindFacesDir()
    {
        var dir = Path.Combine(SharedData.FacesDev, "images");
        return Directory.Exists(dir) ? dir : null;
    }

    /// <summary>Noise over gradients and shapes: detail at every scale, like a photo.</summary>
    private static Mat Synthetic(int width, int height)
    {
        var image = new Mat(height, width, MatType.CV_8UC3);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(255));
        Cv2.GaussianBlur(image, image, new Size(3, 3), 0.8);
        for (int i = 0; i < 12; i++)
            Cv2.Circle(image, new Point(width * i / 12, height * (i % 5) / 5), 10 + 7 * i, new Scalar(20 * i, 255 - 20 * i, 128), 3);
        return image;
    }
}
