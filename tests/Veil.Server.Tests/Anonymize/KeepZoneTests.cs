using OpenCvSharp;
using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Anonymize;

/// <summary>
/// `veil anonymize --camera` with real models on a CCTV-like clip (<see cref="OverlayClip"/>),
/// judged from the output's pixels on every third frame: how much of the input's fine detail each
/// part keeps (<see cref="ImageDetail.DetailCorrelation"/>: about 1 untouched, about 0 redacted).
/// The same clip without the keep zones is the control that shows the measure can fail. Each run
/// leaves out/keep-zones/&lt;run&gt;-side-by-side.png (input | output) to look at.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class KeepZoneTests(ModelsFixture models, ITestOutputHelper log)
{
    private const int SampleEvery = 3;
    private const int StillFrame = 36;
    private static readonly string Dir = SharedData.OutDirectory("keep-zones");

    [Fact]
    public async Task With_keep_zones_the_timestamp_and_caption_stay_readable_and_the_face_and_mask_inside_are_redacted()
    {
        string camera = Path.Combine(Dir, "overlay-cam.yaml");
        await File.WriteAllTextAsync(camera, OverlayClip.KeepZonesYaml);

        var run = await AnonymizeAsync("with-keep", "--camera", camera);

        Assert.Contains("2 keep zone(s) (\"top-left overlay\", \"caption\")", run.StdErr);
        Assert.Contains("look-ahead 400 ms", run.StdOut); // a file into a file: no viewer waits
        var m = await MeasureAsync("with-keep");
        Assert.True(m.Timestamp.Min() > 0.9, $"timestamp redacted somewhere: {Figures(m.Timestamp)}");
        Assert.True(m.Caption.Min() > 0.9, $"caption redacted somewhere: {Figures(m.Caption)}");
        Assert.True(m.Face.Max() < 0.3, $"the face in the keep zone shows: {Figures(m.Face)}");
        Assert.True(m.Masked.Max() < 0.3, $"the mask inside the keep zone shows: {Figures(m.Masked)}");
        Assert.True(m.Background.Min() > 0.9, $"control: the untouched background only correlates {Figures(m.Background)}");
    }

    [Fact]
    public async Task Without_keep_zones_the_same_timestamp_and_caption_are_redacted()
    {
        await AnonymizeAsync("without-keep");

        var m = await MeasureAsync("without-keep");
        Assert.True(m.Timestamp.Max() < 0.3, $"timestamp readable on some frame: {Figures(m.Timestamp)}");
        Assert.True(m.Caption.Max() < 0.3, $"caption readable on some frame: {Figures(m.Caption)}");
        Assert.True(m.Face.Max() < 0.3, $"the face shows: {Figures(m.Face)}");
        Assert.True(m.Background.Min() > 0.9, $"control: the untouched background only correlates {Figures(m.Background)}");
    }

    private sealed record Measures(List<double> Timestamp, List<double> Caption, List<double> Face, List<double> Masked, List<double> Background);

    private async Task<ProcessResult> AnonymizeAsync(string name, params string[] extra)
    {
        string output = Path.Combine(Dir, $"{name}.mp4");
        // A generous deadline: on a busy machine a late frame is filled whole (fail closed), which would hide the timestamp too.
        var run = await models.RunVeilAsync(TimeSpan.FromMinutes(5),
            ["anonymize", await OverlayClip.PathAsync(), "-o", output, "--crf", "16", "--detector-timeout-ms", "10000", "--quiet", .. extra]);
        Assert.True(run.Succeeded, run.StdErr);
        log.WriteLine(run.StdOut.Trim());
        return run;
    }

    /// <summary>Detail kept in each part of every sampled frame; writes the side-by-side still.</summary>
    private async Task<Measures> MeasureAsync(string name)
    {
        var input = await ClipFrames.SampleAsync(await OverlayClip.PathAsync(), Path.Combine(Dir, $"{name}-input"), SampleEvery);
        var output = await ClipFrames.SampleAsync(Path.Combine(Dir, $"{name}.mp4"), Path.Combine(Dir, name), SampleEvery);
        Assert.Equal((int)Math.Ceiling(OverlayClip.Seconds * OverlayClip.Fps / SampleEvery), input.Count);
        Assert.Equal(input.Count, output.Count);
        var m = new Measures([], [], [], [], []);
        for (int i = 0; i < input.Count; i++)
        {
            m.Timestamp.Add(ImageDetail.DetailCorrelation(input[i], output[i], OverlayClip.Timestamp));
            m.Caption.Add(ImageDetail.DetailCorrelation(input[i], output[i], OverlayClip.Caption));
            m.Face.Add(ImageDetail.DetailCorrelation(input[i], output[i], OverlayClip.FaceInner));
            m.Masked.Add(ImageDetail.DetailCorrelation(input[i], output[i], OverlayClip.Masked));
            m.Background.Add(ImageDetail.DetailCorrelation(input[i], output[i], OverlayClip.Background));
        }
        log.WriteLine($"{name}, {input.Count} frames, detail correlation min / median / max:");
        log.WriteLine($"  timestamp {Figures(m.Timestamp)}; caption {Figures(m.Caption)}; face {Figures(m.Face)}; masked {Figures(m.Masked)}; background {Figures(m.Background)}");

        using var side = new Mat();
        Cv2.HConcat([input[StillFrame / SampleEvery], output[StillFrame / SampleEvery]], side);
        Cv2.ImWrite(Path.Combine(Dir, $"{name}-side-by-side.png"), side);
        foreach (var frame in input.Concat(output)) frame.Dispose();
        return m;
    }

    private static string Figures(List<double> values) => ClipFrames.MinMedianMax(values);
}
