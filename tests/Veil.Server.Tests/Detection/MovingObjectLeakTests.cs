using System.Diagnostics;
using System.Globalization;
using Veil.TestSupport;
using Veil.TestSupport.MovingObjects;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// The real `veil anonymize` on a moving-object clip (real dev-set plates and faces moving over a street,
/// 20-140 px, entering late; tests/Veil.TestSupport/MovingObjects), measured from the pixels of its output by
/// the pixel leak meter: the share of plate- and face-frames still readable and the longest run any one
/// object stays readable. The table goes to the test log; out/moving-objects-veil/ keeps the output and
/// side-by-side stills (input | output, boxes red where the meter says leaked) of the worst frames.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class MovingObjectLeakTests(ModelsFixture models, ITestOutputHelper log)
{
    /// <summary>What issue 15 asks: at most 1 % of plate-frames and of face-frames leaked, no object readable more than 2 frames in a row.</summary>
    public static readonly LeakBudget Target = new(PlatePercent: 1, FacePercent: 1, PlateRun: 2, FaceRun: 2);

    /// <summary>
    /// What Veil does on the seed-15 clip at the default cadence (`live`, looking where the picture
    /// changes) meets <see cref="Target"/>: no plate-frame or face-frame leaked of 652 and 654. At
    /// the live look-ahead (200 ms; a file now holds 400) plates 0.00 % and faces 0.15 %, a run of 1
    /// (#3 sliding in from the left edge, found 5 frames after it showed); before the look-ahead
    /// stretched a box found near the frame's side to it, plates 0.31 %, a run of 2 (#2 entering at
    /// the right edge). The fixed schedule it replaced leaked plates 15.64 % (longest 46: #0, about
    /// 30 px wide with no vehicle around it) and faces 0.46 % (3).
    /// </summary>
    public static readonly LeakBudget TodayLive = Target;

    /// <summary>
    /// Whole-frame passes on every frame, and the text change regions besides (`every-frame`): no
    /// leak either. At 200 ms plates 0.61 %, a run of 4 (#2 entering at the edge, found 8 frames
    /// after it showed); before every-frame read the change regions, the whole-frame text pass
    /// (960 px long side, 0.75x on 720p) missed #0 for its first 24 frames (plates 5.98 %).
    /// </summary>
    public static readonly LeakBudget TodayEveryFrame = Target;

    private static readonly string Dir = SharedData.OutDirectory("moving-objects-veil");

    /// <summary>
    /// The live cadence holding frames only the live look-ahead (200 ms), as a stream does: a camera
    /// pushing to `veil serve` is not a file. Faces 0.15 %, a run of 1 (#3 sliding in from the left);
    /// before a low-scored box cut by the frame's side counted for the frames before it, a change in
    /// the person model's read made #3 score 0.32 instead of 0.77 and it stayed readable 3 frames.
    /// </summary>
    public static readonly LeakBudget TodayLiveStream = Target;

    /// <summary>
    /// The same measure on other seeds (16-24: other plates and faces on other paths), default
    /// settings. Seed 15 alone flattered Veil: faces leak 0-18 % there and plates up to 7 %, with runs
    /// of up to 41 frames. Most of it is what the models do not find at all, so `every-frame` leaks as
    /// much: faces in profile, faces cut by the frame's side while they slide in slowly, and plates
    /// 20-35 px wide (characters 5-7 px) that the text model misses even enlarged 3x. The lower face
    /// score on video (<see cref="Vision.Detectors.DetectorOptions.VideoFaceScore"/>) took faces from
    /// 11.2 % to 9.1 % on average and the longest run from 65 to 41 frames. Face boxes reaching a
    /// third further down on video and faces backed by people took the face-frames leaked from 365 to
    /// 183 (worst seed 17.7 → 11.0 %). Small plates' tracks read apart, never shrunk, took the
    /// plate-frames leaked from 114 to 56 (the longest run left, 29, is a plate sliding in at 17-47 px
    /// that no model found before it grew, in blocks too plain for the text model's change regions).
    /// Look-ahead boxes moved back along their tracks took plates to 50. Small face regions read
    /// apart from the budget and enlarged took faces from 182 to 87 (longest run 38 → 20: masked
    /// faces of 35-40 px that YuNet scores 0.26 as they are were read at half size in busy frames;
    /// the run left is a masked profile). Small face tracks read again, enlarged, when their regions
    /// were read shrunk took faces to 70 (a 20 px face riding on a walking person); the longest run,
    /// seed 20's masked profile that no model finds, went 20 → 27 with what else happened to cover
    /// it. Seeds 22-24 joined later, as seeds never tuned on (seeds 25-29 leaked nothing at all). Low
    /// scored detections following a new track (a masked face found once at 0.5, then at 0.2-0.45)
    /// took the face-frames over seeds 16-24 from 108 to 64 and the longest run from 27 to 11 (seed
    /// 20's masked profile: 51 → 15 frames, seed 23's masked face leaving at the top: 21 → 0). The
    /// budget is today's worst seed with a little room, a regression guard; the target is
    /// <see cref="Target"/>.
    /// </summary>
    public static readonly LeakBudget TodayOtherSeeds = new(PlatePercent: 6, FacePercent: 5, PlateRun: 30, FaceRun: 20);

    [Theory]
    [InlineData("live", 0)]
    [InlineData("every-frame", 0)]
    [InlineData("live", 200)]
    public async Task Veil_leaks_no_more_than_today_on_the_moving_object_clip(string cadence, int lookAheadMs)
    {
        string name = lookAheadMs == 0 ? cadence : $"{cadence}-{lookAheadMs}ms";
        var extra = new List<string>();
        if (cadence != "live") extra.AddRange(["--cadence", cadence]);
        if (lookAheadMs > 0) extra.AddRange(["--look-ahead-ms", lookAheadMs.ToString(CultureInfo.InvariantCulture)]);
        var today = cadence != "live" ? TodayEveryFrame : lookAheadMs == 0 ? TodayLive : TodayLiveStream;
        await MeasureAsync(MovingObjectClipTests.Spec, name, extra, today);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(19)]
    [InlineData(20)]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    [InlineData(24)]
    public async Task Other_seeds_leak_no_more_than_today(int seed)
        => await MeasureAsync(MovingObjectClipTests.Spec with { Seed = seed }, $"seed{seed}", [], TodayOtherSeeds);

    private async Task MeasureAsync(MovingObjectClipSpec spec, string name, List<string> extra, LeakBudget today)
    {
        var clip = await MovingObjectClip.GetOrBuildAsync(spec);
        string output = Path.Combine(Dir, $"{name}.mp4");
        File.Delete(output);
        // Default settings (the default cadence is run without the option, as a user would), but for the
        // detector timeout: on a busy machine, frames whose detection is late are filled whole (fail closed),
        // which hides leaks by chance (measured: 9 frames filled at every-frame with other builds running).
        // With a timeout no frame reaches, the figures are the detectors' own and the same on every run.
        var args = new List<string> { "anonymize", clip.ClipPath, "-o", output, "--detector-timeout-ms", "60000", "--quiet" };
        args.AddRange(extra);
        var watch = Stopwatch.StartNew();
        var run = await models.RunVeilAsync(TimeSpan.FromMinutes(10), [.. args]);
        Assert.True(run.Succeeded, run.StdErr);
        log.WriteLine($"veil {string.Join(' ', args)}: {watch.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(0, FilledFrames(output, clip.Spec));
        var report = PixelLeakMeter.Measure(clip.ClipPath, output, clip.Truth, clip.Spec.Width, clip.Spec.Height);
        log.WriteLine(report.ToTable());
        log.WriteLine(report.PerObject());
        foreach (int frame in StillFrames(report))
        {
            string png = Path.Combine(Dir, $"{name}-frame{frame:000}.png");
            await LeakStills.WriteAsync(clip.ClipPath, output, frame, report.Verdicts, png);
            log.WriteLine($"still: {png}");
        }

        log.WriteLine(Against(report.Plates, today.PlatePercent, today.PlateRun, Target.PlatePercent, Target.PlateRun));
        log.WriteLine(Against(report.Faces, today.FacePercent, today.FaceRun, Target.FacePercent, Target.FaceRun));
        Within(report.Plates, today.PlatePercent, today.PlateRun);
        Within(report.Faces, today.FacePercent, today.FaceRun);
    }

    private static string Against(KindLeakFigures f, double todayPercent, int todayRun, double targetPercent, int targetRun)
        => string.Create(CultureInfo.InvariantCulture,
            $"{f.Kind.Name()}s: {f.LeakedPercent:0.00} % leaked (today's budget {todayPercent} %, target {targetPercent} %), longest run {f.LongestRun} (today's budget {todayRun}, target {targetRun})");

    private static void Within(KindLeakFigures figures, double percent, int run)
    {
        string kind = figures.Kind.Name();
        Assert.True(figures.Unmeasurable <= figures.ObjectFrames / 50, $"{kind}s: {figures.Unmeasurable} of {figures.ObjectFrames} object-frames could not be measured");
        Assert.True(figures.LeakedPercent <= percent,
            string.Create(CultureInfo.InvariantCulture, $"{kind}s: {figures.LeakedPercent:0.00} % of object-frames leaked, today's budget is {percent} %"));
        Assert.True(figures.LongestRun <= run,
            $"{kind}s: #{figures.LongestRunObject} readable {figures.LongestRun} frames in a row from frame {figures.LongestRunFirstFrame}, today's budget is {run}");
    }

    /// <summary>Frames Veil filled whole (fail closed): one flat grey level all over.</summary>
    private static int FilledFrames(string clip, MovingObjectClipSpec spec)
    {
        using var reader = new RawVideoReader(clip, spec.Width, spec.Height, gray: true);
        using var frame = reader.NewFrame();
        int filled = 0;
        while (reader.TryRead(frame))
        {
            OpenCvSharp.Cv2.MeanStdDev(frame, out _, out var std);
            if (std.Val0 < 1) filled++;
        }
        return filled;
    }

    /// <summary>The first frame of each kind's longest leaked run, and the frame with the most leaked objects (or the busiest frame when none leaked).</summary>
    private static SortedSet<int> StillFrames(LeakReport report)
    {
        var frames = new SortedSet<int>();
        foreach (var k in new[] { report.Plates, report.Faces })
            if (k.LongestRun > 0) frames.Add(k.LongestRunFirstFrame);
        var byFrame = report.Verdicts.GroupBy(v => v.Box.Frame);
        frames.Add(byFrame.OrderByDescending(g => g.Count(v => v.Leaked)).ThenByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key);
        return frames;
    }
}
