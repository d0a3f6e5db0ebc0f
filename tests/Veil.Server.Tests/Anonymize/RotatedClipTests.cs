using System.Globalization;
using OpenCvSharp;
using Veil.TestSupport;
using static Veil.TestSupport.DisplayMatrixClips;

namespace Veil.Server.Tests.Anonymize;

/// <summary>
/// A phone clip: a 360x640 portrait picture (a real photo of faces at the top, testsrc2 below),
/// coded sideways at 640x360 and tagged with the display matrix that turns it upright, as phones
/// record. `veil anonymize` must write what the player shows: its still is the still ffmpeg makes
/// of the input (ffmpeg turns pictures upright by default), in MP4 and in FLV (which cannot carry a
/// matrix), with no matrix left to turn it again; faces and masks are found where the viewer sees them.
/// </summary>
public sealed class RotatedClipTests
{
    private const int UprightWidth = 360, UprightHeight = 640, PhotoTop = 60;
    private const string Photo = "images/maksssksksss7.jpg"; // 400x300, four faces, the largest 89x94

    /// <summary>name, the filter that turns the upright picture into the coded one, the rotate tag, or a matrix written instead.</summary>
    public static TheoryData<string, string, int, int[]?> Phones() => new()
    {
        { "rotate-90", "transpose=clock", 90, null },       // ffmpeg 5.1 writes rotate=90 as a quarter turn anticlockwise
        { "rotate-270", "transpose=cclock", 270, null },
        { "rotate-180", "hflip,vflip", 180, null },
        { "mirrored-transpose", "transpose=cclock_flip", 90, [0, One, 0, One, 0, 0, 0, 0, OneW] },
    };

    [Theory]
    [MemberData(nameof(Phones))]
    public async Task Output_is_upright_as_the_player_shows_the_input(string name, string toCoded, int tag, int[]? matrix)
    {
        string dir = SharedData.OutDirectory("rotation");
        string input = await PhoneClipAsync(dir, name, toCoded, tag, matrix);
        string mp4 = Path.Combine(dir, name + "-out.mp4"), flv = Path.Combine(dir, name + "-out.flv");
        var run = await VeilProcess.RunAsync("anonymize", "--classes", "none", input, "-o", mp4, "-o", flv, "--crf", "18", "--quiet");
        Assert.True(run.Succeeded, run.StdErr);

        using var shown = await StillAsync(input, Path.Combine(dir, name + "-in.png"));
        Assert.Equal(new Size(UprightWidth, UprightHeight), shown.Size()); // the fixture: ffmpeg shows it upright
        using (var upright = await StillAsync(Path.Combine(dir, name + "-upright.mp4"), Path.Combine(dir, name + "-upright.png")))
            Assert.True(Correlation(upright, shown) > 0.98, "the fixture is not the upright picture when ffmpeg plays it");
        foreach (var output in new[] { mp4, flv })
        {
            Assert.Null(await ReadAsync(output)); // no matrix: a player would turn the upright picture again
            using var still = await StillAsync(output, Path.ChangeExtension(output, ".png"));
            SideBySide(shown, still, Path.ChangeExtension(output, ".side.png"));
            Assert.Equal(shown.Size(), still.Size());
            double r = Correlation(shown, still);
            Assert.True(r > 0.98, $"{Path.GetFileName(output)}: correlation with the input as shown is {r:0.000}");
        }
    }

    [Fact]
    public async Task A_turn_by_other_than_a_right_angle_is_rounded_to_the_nearest_and_told_once()
    {
        string dir = SharedData.OutDirectory("rotation");
        // ffmpeg 5.1 writes rotate=80 as 80° anticlockwise, which players show as 280° clockwise: nearest 270°.
        string input = await PhoneClipAsync(dir, "rotate-80", "transpose=clock", 80, null);
        string output = Path.Combine(dir, "rotate-80-out.mp4");
        var run = await VeilProcess.RunAsync("anonymize", "--classes", "none", input, "-o", output, "--crf", "18", "--quiet");
        Assert.True(run.Succeeded, run.StdErr);

        var told = VeilProcess.ErrorLines(run).Where(l => l.Contains("display matrix")).ToArray();
        Assert.True(told.Length == 1, $"expected one line about the matrix, got: {run.StdErr}");
        Assert.Contains("280°, not a multiple of 90°; it is turned by 270° instead", told[0]);
        using var upright = await StillAsync(Path.Combine(dir, "rotate-80-upright.mp4"), Path.Combine(dir, "rotate-80-upright.png"));
        using var still = await StillAsync(output, Path.Combine(dir, "rotate-80-out.png"));
        SideBySide(upright, still, Path.Combine(dir, "rotate-80-out.side.png"));
        Assert.Equal(upright.Size(), still.Size());
        Assert.True(Correlation(upright, still) > 0.98, "the picture was not turned by the nearest right angle");
    }

    [Fact]
    public async Task A_face_sideways_in_the_coded_picture_is_found_and_redacted()
    {
        string dir = SharedData.OutDirectory("rotation");
        string input = await PhoneClipAsync(dir, "faces-90", "transpose=clock", 90, null);
        string output = Path.Combine(dir, "faces-90-redacted.mp4");
        var run = await VeilProcess.RunAsync("anonymize", "--classes", "face", input, "-o", output, "--crf", "18", "--quiet");
        Assert.True(run.Succeeded, run.StdErr);

        using var shown = await StillAsync(input, Path.Combine(dir, "faces-90-in.png"));
        using var still = await StillAsync(output, Path.Combine(dir, "faces-90-redacted.png"));
        SideBySide(shown, still, Path.Combine(dir, "faces-90-redacted.side.png"));
        Assert.Equal(shown.Size(), still.Size());
        foreach (var face in LargeFaces())
        {
            double before = Detail(shown, face), after = Detail(still, face);
            Assert.True(before > 50, $"the photo's face at {face} has too little detail ({before:0}) to prove anything");
            Assert.True(after < 0.25 * before, $"face at {face} (upright) kept its detail: {before:0} -> {after:0}");
        }
        var below = new Rect(0, PhotoTop + 300, UprightWidth, UprightHeight - PhotoTop - 300); // testsrc2, no face
        Assert.True(Correlation(shown[below], still[below]) > 0.98, "the picture away from the faces changed");
    }

    [Fact]
    public async Task A_mask_is_placed_on_the_upright_picture()
    {
        string dir = SharedData.OutDirectory("rotation");
        string input = await PhoneClipAsync(dir, "mask-270", "transpose=cclock", 270, null);
        string output = Path.Combine(dir, "mask-270-out.mp4");
        var mask = new Rect(20, 420, 300, 200); // below the coded picture's 360 rows: only the upright frame has it
        var run = await VeilProcess.RunAsync("anonymize", "--classes", "none", input, "-o", output,
            "--mask", $"{mask.X},{mask.Y},{mask.Width},{mask.Height}", "--crf", "18", "--quiet");
        Assert.True(run.Succeeded, run.StdErr);

        using var shown = await StillAsync(input, Path.Combine(dir, "mask-270-in.png"));
        using var still = await StillAsync(output, Path.Combine(dir, "mask-270-out.png"));
        SideBySide(shown, still, Path.Combine(dir, "mask-270-out.side.png"));
        Assert.Equal(shown.Size(), still.Size());
        double before = Detail(shown, mask), after = Detail(still, mask);
        Assert.True(after < 0.1 * before, $"detail inside the mask only fell from {before:0} to {after:0}");
        var photo = new Rect(0, PhotoTop, UprightWidth, 270);
        Assert.True(Correlation(shown[photo], still[photo]) > 0.98, "the picture outside the mask changed");
    }

    private static async Task<string> PhoneClipAsync(string dir, string name, string toCoded, int tag, int[]? matrix)
    {
        // The portrait picture as the phone's user saw it: 2 s at 25 fps, the photo 360x270 at the top.
        string upright = Path.Combine(dir, name + "-upright.mp4"), coded = Path.Combine(dir, name + "-coded.mp4"), clip = Path.Combine(dir, name + ".mp4");
        string photo = Path.Combine(SharedData.FacesDev, Photo);
        var picture = $"[1]scale={UprightWidth}:270[p];[0][p]overlay=0:{PhotoTop}:shortest=1";
        await Ffmpeg("-f", "lavfi", "-i", $"testsrc2=size={UprightWidth}x{UprightHeight}:rate=25:duration=2", "-loop", "1", "-i", photo,
                "-filter_complex", picture, "-c:v", "libx264", "-preset", "veryfast", "-crf", "12", "-pix_fmt", "yuv420p", upright);
        await Ffmpeg("-i", upright, "-vf", toCoded, "-c:v", "libx264", "-preset", "veryfast", "-crf", "12", "-pix_fmt", "yuv420p", coded);
        await TagRotationAsync(coded, clip, tag);
        if (matrix is not null) SetMatrix(clip, matrix);
        var probe = await FfTools.ProbeAsync(clip);
        bool sideways = toCoded.StartsWith("transpose");
        Assert.Equal(sideways ? (UprightHeight, UprightWidth) : (UprightWidth, UprightHeight), (probe.Video.Width!.Value, probe.Video.Height!.Value));
        return clip;
    }

    /// <summary>The labelled faces of the photo of at least 50 px, where they are in the upright picture.</summary>
    private static IEnumerable<Rect> LargeFaces()
    {
        double scale = UprightWidth / 400.0; // the photo is 400 px wide
        foreach (var line in File.ReadLines(Path.Combine(SharedData.FacesDev, "labels.csv")).Where(l => l.StartsWith(Photo + ",")))
        {
            var v = line.Split(',')[1..5].Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            if (Math.Min(v[2], v[3]) < 50) continue;
            yield return new Rect((int)(v[0] * scale), PhotoTop + (int)(v[1] * scale), (int)(v[2] * scale), (int)(v[3] * scale));
        }
    }

    private static async Task Ffmpeg(params string[] args) =>
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", .. args])).EnsureSuccess();

    /// <summary>Frame 10 as ffmpeg shows it (turned upright by the matrix, if any).</summary>
    private static async Task<Mat> StillAsync(string video, string png)
    {
        await Ffmpeg("-i", video, "-vf", "select=eq(n\\,10)", "-frames:v", "1", png);
        return Cv2.ImRead(png);
    }

    /// <summary>Pearson correlation of two pictures' luma.</summary>
    private static double Correlation(Mat a, Mat b)
    {
        using var ga = Gray(a);
        using var gb = Gray(b);
        using var result = new Mat();
        Cv2.MatchTemplate(ga, gb, result, TemplateMatchModes.CCoeffNormed);
        return result.At<float>(0, 0);
    }

    private static double Detail(Mat picture, Rect r)
    {
        using var g = Gray(picture[r]);
        return ImageDetail.LaplacianVariance(g);
    }

    private static Mat Gray(Mat bgr)
    {
        var g = new Mat();
        Cv2.CvtColor(bgr, g, ColorConversionCodes.BGR2GRAY);
        return g;
    }

    /// <summary>Input | output, for a person to look at.</summary>
    private static void SideBySide(Mat input, Mat output, string png)
    {
        using var side = new Mat(Math.Max(input.Height, output.Height), input.Width + 8 + output.Width, MatType.CV_8UC3, Scalar.White);
        input.CopyTo(side[new Rect(0, 0, input.Width, input.Height)]);
        output.CopyTo(side[new Rect(input.Width + 8, 0, output.Width, output.Height)]);
        Cv2.ImWrite(png, side);
    }
}
