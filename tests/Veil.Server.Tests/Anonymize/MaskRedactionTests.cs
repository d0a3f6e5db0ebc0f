using OpenCvSharp;
using Veil.TestSupport;

namespace Veil.Server.Tests.Anonymize;

/// <summary>
/// Measures what a mask does to real pictures: inside it the detail is gone as a strong blur
/// removes it (the Laplacian's energy collapses while the mean brightness stays), and outside it
/// the picture is the input within encoder noise (PSNR).
/// </summary>
public sealed class MaskRedactionTests
{
    private static readonly Rect Mask = new(400, 150, 400, 300);

    [Fact]
    public async Task VideoMaskBlursInsideAndKeepsOutside()
    {
        string dir = SharedData.OutDirectory("mask-quality");
        string input = SharedData.Video("pran786_Yolo-licenseplate/license_plate.mp4");
        string output = Path.Combine(dir, "masked.mp4");
        var run = await VeilProcess.RunAsync("anonymize", "--classes", "none", input, "-o", output, "--mask", $"{Mask.X},{Mask.Y},{Mask.Width},{Mask.Height}", "--crf", "18", "--quiet");
        Assert.True(run.Succeeded, run.StdErr);

        using var before = await FrameAt(input, 100, Path.Combine(dir, "in.png"));
        using var after = await FrameAt(output, 100, Path.Combine(dir, "out.png"));
        using var side = new Mat();
        Cv2.HConcat([before, after], side);
        Cv2.ImWrite(Path.Combine(dir, "side-by-side.png"), side);
        AssertBlurredInside(before, after, Mask);
        Assert.True(PsnrOutside(before, after, Mask) > 35, "pixels outside the mask changed more than encoder noise");
    }

    [Fact]
    public async Task ImageMaskBlursInsideAndKeepsOutside()
    {
        string dir = SharedData.OutDirectory("mask-quality");
        string image = Directory.EnumerateFiles(Path.Combine(SharedData.FacesDev, "images")).Order().First();
        string output = Path.Combine(dir, "masked.png");
        using var source = Cv2.ImRead(image);
        var mask = new Rect(source.Width / 4, source.Height / 4, source.Width / 2, source.Height / 2);
        var run = await VeilProcess.RunAsync("anonymize", "--classes", "none", image, "-o", output, "--mask", $"{mask.X},{mask.Y},{mask.Width},{mask.Height}");
        Assert.True(run.Succeeded, run.StdErr);
        using var result = Cv2.ImRead(output);
        Assert.Equal(source.Size(), result.Size());
        AssertBlurredInside(source, result, mask);
        Assert.True(PsnrOutside(source, result, mask) > 35);
    }

    private static void AssertBlurredInside(Mat before, Mat after, Rect r)
    {
        using var a = Gray(before[r]);
        using var b = Gray(after[r]);
        double detailBefore = ImageDetail.LaplacianVariance(a), detailAfter = ImageDetail.LaplacianVariance(b);
        Assert.True(detailBefore > 20, $"test picture has too little detail ({detailBefore:0.0}) to prove anything");
        Assert.True(detailAfter < 0.1 * detailBefore, $"detail inside the mask only fell from {detailBefore:0.0} to {detailAfter:0.0}");
        Assert.InRange(Cv2.Mean(b).Val0 - Cv2.Mean(a).Val0, -12, 12); // a blur keeps the brightness: not a black box or garbage
    }

    private static double PsnrOutside(Mat before, Mat after, Rect r)
    {
        using var a = new Mat();
        using var b = new Mat();
        before.ConvertTo(a, MatType.CV_64FC3);
        after.ConvertTo(b, MatType.CV_64FC3);
        using var d = new Mat();
        Cv2.Subtract(a, b, d);
        using var sq = d.Mul(d).ToMat();
        sq[r].SetTo(Scalar.All(0));
        var sum = Cv2.Sum(sq);
        double n = ((double)before.Width * before.Height - (double)r.Width * r.Height) * 3;
        double mse = (sum.Val0 + sum.Val1 + sum.Val2) / n;
        return mse == 0 ? 99 : 10 * Math.Log10(255 * 255 / mse);
    }

    private static Mat Gray(Mat bgr)
    {
        var g = new Mat();
        Cv2.CvtColor(bgr, g, ColorConversionCodes.BGR2GRAY);
        return g;
    }

    private static async Task<Mat> FrameAt(string video, int frame, string png)
    {
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-i", video, "-vf", $"select=eq(n\\,{frame})", "-frames:v", "1", png])).EnsureSuccess();
        return Cv2.ImRead(png);
    }
}
