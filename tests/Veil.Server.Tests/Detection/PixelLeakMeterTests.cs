using OpenCvSharp;
using Veil.TestSupport;
using Veil.TestSupport.MovingObjects;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// The pixel leak meter (tests/Veil.TestSupport/MovingObjects) against redactions whose answer is known:
/// the clip only re-encoded leaks everywhere, the clip with every ground-truth box mosaicked or blurred
/// leaks nowhere, and plates with only their left half blurred still leak. Each rewrite is encoded as Veil
/// writes by default (x264 veryfast, crf 23) and left in out/pixel-leak-meter/.
/// </summary>
public sealed class PixelLeakMeterTests(ITestOutputHelper log)
{
    private static readonly string Dir = SharedData.OutDirectory("pixel-leak-meter");

    [Fact]
    public async Task Unredacted_clip_reencoded_leaks_nearly_every_object_frame()
    {
        var report = await MeasureRewrite("reencoded", (_, _, _) => { });
        foreach (var kind in new[] { report.Plates, report.Faces })
        {
            Assert.True(kind.LeakedPercent >= 98, $"{kind.Kind.Name()}s: only {kind.LeakedPercent:0.0} % leaked though nothing was redacted");
            Assert.True(kind.Unmeasurable <= kind.ObjectFrames / 50, $"{kind.Kind.Name()}s: {kind.Unmeasurable} of {kind.ObjectFrames} object-frames not measurable");
        }
    }

    [Theory]
    [InlineData("mosaic")]
    [InlineData("blur")]
    public async Task Every_box_redacted_leaks_nearly_nothing(string style)
    {
        var report = await MeasureRewrite(style, (frame, box, _) => Redact(frame, new Rect(box.X, box.Y, box.W, box.H), style, WholeSize(box)));
        foreach (var kind in new[] { report.Plates, report.Faces })
        {
            Assert.True(kind.LeakedPercent <= 1, $"{kind.Kind.Name()}s: {kind.LeakedPercent:0.0} % leaked though every box was redacted ({style})");
            Assert.True(kind.LongestRun <= 1, $"{kind.Kind.Name()}s: #{kind.LongestRunObject} leaked {kind.LongestRun} frames in a row from {kind.LongestRunFirstFrame}");
        }
    }

    [Fact]
    public async Task Plates_with_only_their_left_half_blurred_still_leak()
    {
        var report = await MeasureRewrite("left-half", (frame, box, _) =>
        {
            if (box.Kind == ObjectKind.Plate) Redact(frame, new Rect(box.X, box.Y, box.W / 2, box.H), "blur", WholeSize(box));
        });
        Assert.True(report.Plates.LeakedPercent >= 95, $"plates half uncovered: only {report.Plates.LeakedPercent:0.0} % counted as leaked");
        Assert.True(report.Faces.LeakedPercent >= 98, $"faces were not touched: only {report.Faces.LeakedPercent:0.0} % leaked");
    }

    [Fact]
    public void Longest_run_is_the_most_consecutive_leaked_frames_of_one_object()
    {
        // Object 1 leaks 0-1, then 3-5 and 7 (frame 6, not measurable, neither breaks nor extends that run: 4 frames); object 2 leaks 0-2.
        var verdicts = new List<ObjectFrameVerdict>();
        void Add(int id, int frame, bool leaked, bool measurable = true)
            => verdicts.Add(new ObjectFrameVerdict(new TruthBox(frame, id, ObjectKind.Plate, 0, 0, 40, 12), measurable, leaked, 4, 4, leaked ? 4 : 0, 0));
        foreach (var (frame, leaked) in new[] { (0, true), (1, true), (2, false), (3, true), (4, true), (5, true) }) Add(1, frame, leaked);
        Add(1, 6, false, measurable: false);
        Add(1, 7, true);
        Add(1, 8, false);
        for (int f = 0; f < 3; f++) Add(2, f, true);

        var plates = new LeakReport(verdicts).Plates;
        Assert.Equal((4, 1, 3), (plates.LongestRun, plates.LongestRunObject, plates.LongestRunFirstFrame));
        Assert.Equal((12, 1, 9), (plates.ObjectFrames, plates.Unmeasurable, plates.Leaked));
        Assert.Equal(100.0 * 9 / 11, plates.LeakedPercent, 6);
    }

    /// <summary>Rewrites the moving-object clip with <paramref name="edit"/> applied to each ground-truth box and measures the result.</summary>
    private async Task<LeakReport> MeasureRewrite(string name, Action<Mat, TruthBox, int> edit)
    {
        var clip = await MovingObjectClip.GetOrBuildAsync(MovingObjectClipTests.Spec);
        var spec = clip.Spec;
        var byFrame = clip.Truth.GroupBy(b => b.Frame).ToDictionary(g => g.Key, g => g.ToList());
        string output = Path.Combine(Dir, $"{name}.mp4");
        await Task.Run(() => ClipRewriter.Rewrite(clip.ClipPath, output, spec.Width, spec.Height, spec.Fps, (f, frame) =>
        {
            if (byFrame.TryGetValue(f, out var boxes))
                foreach (var box in boxes) edit(frame, box, f);
        }));
        var report = PixelLeakMeter.Measure(clip.ClipPath, output, clip.Truth, spec.Width, spec.Height);
        log.WriteLine($"{name}:");
        log.WriteLine(report.ToTable());
        log.WriteLine(report.PerObject());
        return report;
    }

    /// <summary>
    /// The longer side of the whole object, also when the frame's edge cuts its box: a plate is at least three
    /// times as wide as it is tall. A mosaic of 8 blocks across a plate's visible sliver would be a fine one
    /// that leaves its characters readable (the meter rightly says so), which is not what a redactor does.
    /// </summary>
    private static int WholeSize(TruthBox box) => Math.Max(Math.Max(box.W, box.H), box.Kind == ObjectKind.Plate ? 3 * box.H : 0);

    /// <summary>Mosaic: 8 blocks across the object, nearest-neighbour up again. Blur: a Gaussian a sixth of the object wide.</summary>
    private static void Redact(Mat frame, Rect box, string style, int longer)
    {
        box &= new Rect(0, 0, frame.Width, frame.Height);
        if (box.Width <= 0 || box.Height <= 0) return;
        using var region = new Mat(frame, box);
        using var redacted = new Mat();
        if (style == "mosaic")
        {
            double block = Math.Max(1, longer / 8.0);
            using var small = new Mat();
            Cv2.Resize(region, small, new Size(Math.Max(1, (int)Math.Round(box.Width / block)), Math.Max(1, (int)Math.Round(box.Height / block))), 0, 0, InterpolationFlags.Area);
            Cv2.Resize(small, redacted, box.Size, 0, 0, InterpolationFlags.Nearest);
        }
        else
        {
            Cv2.GaussianBlur(region, redacted, new Size(0, 0), Math.Max(2, longer / 6.0));
        }
        redacted.CopyTo(region);
    }
}
