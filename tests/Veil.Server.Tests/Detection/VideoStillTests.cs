using System.Globalization;
using OpenCvSharp;
using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.TestSupport;
using Veil.Vision.Detectors;
using Veil.Vision.Imaging;
using Veil.Vision.Inference;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Detection;

using Detection = Veil.Core.Detections.Detection;

/// <summary>
/// `veil anonymize` on real clips (internal-test-only footage, see ../shared/data/videos/README.md),
/// measured with Veil's own detectors on one frame before and after: what was found in the input is
/// gone from the output. Each test leaves out/stills/&lt;clip&gt;-side-by-side.png (input | output) and
/// out/stills/&lt;clip&gt;-detections.png (the input with what the detectors found) to look at.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class VideoStillTests(ModelsFixture models, ITestOutputHelper log)
{
    private static readonly string Dir = SharedData.OutDirectory("stills");

    [Fact]
    public async Task Crowd_clip_faces_found_in_the_input_are_not_found_in_the_output()
    {
        var (input, output, redacted) = await Stills("mrsingh63_Face-Detection/crowd.mp4", "crowd", seconds: 3, frame: 60);
        using (input)
        using (output)
        {
            var faceOnly = new DetectorOptions { Classes = new HashSet<ObjectClass> { ObjectClass.Face }, HeadFallback = false };
            var before = Detect(input, faceOnly);
            var after = Detect(output, faceOnly);
            Report("crowd input", before);
            Report("crowd output", after);
            SaveDetections("crowd", input, before);

            var sure = before.Where(d => d.Score >= 0.8f).ToList();
            Assert.True(sure.Count >= 3, $"the crowd frame should show several clear faces, found {sure.Count} with score ≥ 0.8");
            // Only where the input had a face: the edge of a mosaic block against a neck scored 0.51 once.
            var leaks = after.Where(d => d.Score >= 0.5f && before.Any(b => b.Box.IoU(d.Box) >= 0.3f)).ToList();
            Assert.True(leaks.Count == 0, "faces still found in the output: " + string.Join(", ", leaks.Select(Describe)));
            // The mosaic's block edges keep a blurry face's Laplacian energy up, so faces are measured by how much
            // of the input's fine detail survives in the output instead; the control is the most detailed part
            // of the frame no redaction box touched (a fixed one was hidden whenever a weak face found on a
            // jacket or in hair was carried over it for its second of grace).
            AssertDetailKept(input, output, UnredactedControl(input, redacted), "most detailed unredacted part");
            foreach (var face in before.Where(d => d.Score >= 0.5f)) AssertDetailGone(input, output, face, "face", inset: 0.1f);
        }
    }

    [Fact]
    public async Task Plate_clip_every_plate_found_in_the_input_is_blurred_in_the_output()
    {
        var (input, output, redacted) = await Stills("pran786_Yolo-licenseplate/license_plate.mp4", "license_plate", seconds: 2, frame: 40);
        using (input)
        using (output)
        {
            Assert.Equal(new Size(1280, 720), input.Size());
            var plateOnly = new DetectorOptions { Classes = new HashSet<ObjectClass> { ObjectClass.Plate } };
            var before = Detect(input, plateOnly).Where(d => d.Class == ObjectClass.Plate).ToList();
            var after = Detect(output, plateOnly).Where(d => d.Class == ObjectClass.Plate).ToList();
            Report("plate input", before);
            Report("plate output", after);
            SaveDetections("license_plate", input, before);

            Assert.True(before.Count(d => d.Score >= 0.7f) >= 1, "the plate frame should show at least one clear plate (text score ≥ 0.7)");
            AssertDetailKept(input, output, UnredactedControl(input, redacted), "most detailed unredacted part");
            foreach (var plate in before) AssertBlurred(input, output, plate, "plate");
            foreach (var plate in before) AssertDetailGone(input, output, plate, "plate");
        }
    }

    /// <summary>Detail (Laplacian variance of the grey picture) inside the input's box must fall by at least 80 % in the output.</summary>
    private void AssertBlurred(Mat input, Mat output, Detection d, string what)
    {
        var r = d.Box.ToPixelRect(input.Width, input.Height);
        var rect = new Rect(r.X, r.Y, r.Width, r.Height);
        if (rect.Width < 4 || rect.Height < 4) return;
        double before = ImageDetail.LaplacianVariance(input[rect]), after = ImageDetail.LaplacianVariance(output[rect]);
        log.WriteLine($"  {what} {Describe(d)}: detail {before:0.0} -> {after:0.0} ({(1 - after / before) * 100:0} % less)");
        Assert.True(after <= 0.2 * before, $"{what} {Describe(d)} not blurred: detail {before:0.0} -> {after:0.0}");
    }

    /// <param name="inset">Share of the box left out on each side: YuNet's boxes reach above the brow, where the
    /// planner's face box (moved towards the chin) does not, so faces are measured on their inner part.</param>
    private void AssertDetailGone(Mat input, Mat output, Detection d, string what, float inset = 0)
    {
        var b = d.Box;
        var r = b.Grow(-inset * b.W, -inset * b.H, -inset * b.W, -inset * b.H).ToPixelRect(input.Width, input.Height);
        if (r.Width < 8 || r.Height < 8) return;
        double kept = ImageDetail.DetailCorrelation(input, output, new Rect(r.X, r.Y, r.Width, r.Height));
        log.WriteLine(FormattableString.Invariant($"  {what} {Describe(d)}: detail correlation {kept:0.00}"));
        Assert.True(kept < 0.3, FormattableString.Invariant($"{what} {Describe(d)}: the output keeps its detail (correlation {kept:0.00})"));
    }

    private void AssertDetailKept(Mat input, Mat output, Rect rect, string what)
    {
        double kept = ImageDetail.DetailCorrelation(input, output, rect);
        log.WriteLine(FormattableString.Invariant($"  control {what}: detail correlation {kept:0.00}"));
        Assert.True(kept > 0.8, FormattableString.Invariant($"control {what}: correlation only {kept:0.00}, so the measure proves nothing"));
    }

    /// <summary>
    /// The window (a fifth of the frame wide, a quarter high) with the most fine detail in the input
    /// that no redacted box of the frame touches: where the output must keep the input's detail.
    /// </summary>
    private static Rect UnredactedControl(Mat input, IReadOnlyList<Rect> redacted)
    {
        // An eighth by a sixth of the frame: on the crowd frame, once the look-ahead's boxes are counted
        // as redacted too, no window a fifth by a quarter is left untouched.
        int w = input.Width / 8, h = input.Height / 6, step = input.Width / 40;
        Rect? best = null;
        double bestDetail = 0;
        for (int y = 0; y + h <= input.Height; y += step)
        for (int x = 0; x + w <= input.Width; x += step)
        {
            var window = new Rect(x, y, w, h);
            if (redacted.Any(r => r.IntersectsWith(window))) continue;
            double detail = ImageDetail.LaplacianVariance(input[window]);
            if (detail > bestDetail) (best, bestDetail) = (window, detail);
        }
        Assert.True(best.HasValue, "every part of the frame is redacted: nothing left to compare");
        return best!.Value;
    }

    /// <summary>
    /// Anonymizes the first <paramref name="seconds"/> of a clip and returns frame <paramref name="frame"/> of input
    /// and output, with the boxes redacted on it (grown by 8 px: the mosaic's blocks reach past them); writes the
    /// side-by-side PNG.
    /// </summary>
    private async Task<(Mat Input, Mat Output, IReadOnlyList<Rect> Redacted)> Stills(string clip, string name, double seconds, int frame)
    {
        string source = SharedData.Video(clip);
        Assert.True(File.Exists(source), $"{source} is missing");
        string anonymized = Path.Combine(Dir, $"{name}-anonymized.mp4");
        string boxes = Path.Combine(Dir, $"{name}-boxes.jsonl");
        File.Delete(anonymized);
        var run = await models.RunVeilAsync(TimeSpan.FromMinutes(5),
            "anonymize", source, "-o", anonymized, "--duration", seconds.ToString(CultureInfo.InvariantCulture), "--crf", "18",
            "--boxes-out", boxes, "--quiet");
        Assert.True(run.Succeeded, run.StdErr);
        log.WriteLine(run.StdOut.Trim());

        var input = await FrameAt(source, frame, Path.Combine(Dir, $"{name}-in.png"));
        var output = await FrameAt(anonymized, frame, Path.Combine(Dir, $"{name}-out.png"));
        Assert.Equal(input.Size(), output.Size());
        using var side = new Mat();
        Cv2.HConcat([input, output], side);
        Cv2.ImWrite(Path.Combine(Dir, $"{name}-side-by-side.png"), side);
        using var line = File.ReadLines(boxes).Select(l => System.Text.Json.JsonDocument.Parse(l))
            .First(d => d.RootElement.GetProperty("frame").GetInt32() == frame);
        var redacted = line.RootElement.GetProperty("boxes").EnumerateArray()
            .Select(b => new Rect(b.GetProperty("x").GetInt32() - 8, b.GetProperty("y").GetInt32() - 8, b.GetProperty("w").GetInt32() + 16, b.GetProperty("h").GetInt32() + 16))
            .ToList();
        return (input, output, redacted);
    }

    private List<Detection> Detect(Mat bgr, DetectorOptions options) => models.Detect(bgr, options);

    private void SaveDetections(string name, Mat input, IEnumerable<Detection> detections)
    {
        using var annotated = input.Clone();
        foreach (var d in detections)
        {
            var r = d.Box.ToPixelRect(input.Width, input.Height);
            var colour = d.Score >= 0.5f ? Scalar.Lime : Scalar.Orange;
            Cv2.Rectangle(annotated, new Rect(r.X, r.Y, r.Width, r.Height), colour, 1);
            Cv2.PutText(annotated, d.Score.ToString("0.00", CultureInfo.InvariantCulture), new Point(r.X, Math.Max(10, r.Y - 3)),
                HersheyFonts.HersheySimplex, 0.35, colour);
        }
        Cv2.ImWrite(Path.Combine(Dir, $"{name}-detections.png"), annotated);
    }

    private void Report(string what, IReadOnlyCollection<Detection> detections)
        => log.WriteLine($"{what}: {detections.Count} detection(s): {string.Join(", ", detections.OrderByDescending(d => d.Score).Select(Describe))}");

    private static string Describe(Detection d)
        => FormattableString.Invariant($"{d.Class.Name()} {d.Score:0.00} at {d.Box.X:0},{d.Box.Y:0} {d.Box.W:0}x{d.Box.H:0}");

    private static async Task<Mat> FrameAt(string video, int frame, string png)
    {
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-i", video, "-vf", $"select=eq(n\\,{frame})", "-frames:v", "1", png])).EnsureSuccess();
        var mat = Cv2.ImRead(png);
        Assert.False(mat.Empty(), $"no frame {frame} in {video}");
        return mat;
    }
}
