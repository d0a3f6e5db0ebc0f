using OpenCvSharp;
using Veil.TestSupport;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// The real detector is made to fail on frames 20..39 (the VEIL_FAULT_DETECTOR switch): those
/// frames must come out fully obscured, never raw, and the stream must recover by itself after.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class FailClosedTests(ModelsFixture models)
{
    [Fact]
    public async Task Frames_of_a_failing_detector_are_obscured_and_the_stream_recovers()
    {
        string dir = SharedData.OutDirectory("fail-closed");
        string input = SharedData.Video("mrsingh63_Face-Detection/crowd.mp4"), output = Path.Combine(dir, "crowd-fault.mp4");
        var env = new Dictionary<string, string>(models.Environment) { ["VEIL_FAULT_DETECTOR"] = "fail:20-40" };
        var run = await VeilProcess.RunAsync(env, TimeSpan.FromMinutes(3), "anonymize", input, "-o", output, "--duration", "3", "--quiet");
        Assert.True(run.Succeeded, run.StdErr);
        Assert.Contains("detection failed at frame 20", run.StdErr);
        Assert.Contains("detection recovered at frame 40", run.StdErr);
        Assert.Contains("20 frame(s) obscured whole", run.StdOut);

        var frames = await GrayFramesAsync(output, dir);
        Assert.True(frames.Count >= 70, $"only {frames.Count} frames");
        for (int i = 0; i < frames.Count; i++)
        {
            Cv2.MeanStdDev(frames[i], out _, out var std);
            bool obscured = std.Val0 < 3; // a solid fill, give or take encoder noise
            Assert.True(obscured == (i >= 20 && i < 40), $"frame {i}: obscured={obscured} (stddev {std.Val0:0.0})");
        }
        foreach (var f in frames) f.Dispose();
    }

    [Fact]
    public async Task In_drop_mode_the_frames_of_a_failing_detector_never_leave()
    {
        string dir = SharedData.OutDirectory("fail-closed-drop");
        string input = SharedData.Video("mrsingh63_Face-Detection/crowd.mp4"), output = Path.Combine(dir, "crowd-drop.mp4");
        var env = new Dictionary<string, string>(models.Environment) { ["VEIL_FAULT_DETECTOR"] = "fail:20-40" };
        var run = await VeilProcess.RunAsync(env, TimeSpan.FromMinutes(3), "anonymize", input, "-o", output, "--duration", "3",
            "--on-detector-failure", "drop", "--quiet");
        Assert.True(run.Succeeded, run.StdErr);
        Assert.Contains("20 frame(s) dropped", run.StdOut);
        var frames = await GrayFramesAsync(output, dir);
        int total = frames.Count;
        bool anyObscured = frames.Any(f => { Cv2.MeanStdDev(f, out _, out var std); return std.Val0 < 3; });
        foreach (var f in frames) f.Dispose();
        Assert.InRange(total, 50, 54); // 72 decoded, the 20 failed ones absent
        Assert.False(anyObscured, "in drop mode no filled frame is sent either");
    }

    [Fact]
    public async Task Frames_wait_at_most_the_timeout_for_a_stalled_detector_and_are_obscured_until_it_answers()
    {
        string dir = SharedData.OutDirectory("fail-closed-stall");
        string input = SharedData.Video("mrsingh63_Face-Detection/crowd.mp4"), output = Path.Combine(dir, "crowd-stall.mp4");
        // The detector hangs 4 s on frame 20; the clip is read at its own speed (24 fps), so about 96 frames arrive meanwhile.
        // The deadline is generous so a loaded test machine does not time out an ordinary frame, and 7 s follow the
        // stall: on a loaded machine the detector works through the frames that came meanwhile before it catches up.
        var env = new Dictionary<string, string>(models.Environment) { ["VEIL_FAULT_DETECTOR"] = "stall:20-4000" };
        var run = await VeilProcess.RunAsync(env, TimeSpan.FromMinutes(3), "anonymize", input, "-o", output, "--duration", "12",
            "--realtime", "true", "--detector-timeout-ms", "1500", "--look-ahead-ms", "0", "--quiet");
        Assert.True(run.Succeeded, run.StdErr);
        Assert.Contains("detection failed at frame 20", run.StdErr);
        Assert.Contains("detection recovered at frame", run.StdErr);

        var frames = await GrayFramesAsync(output, dir);
        var obscured = frames.Select(f => { Cv2.MeanStdDev(f, out _, out var std); return std.Val0 < 3; }).ToList();
        foreach (var f in frames) f.Dispose();
        Assert.False(obscured.Take(20).Any(o => o), "frames before the stall must be normal");
        Assert.True(obscured[20], "the frame the detector stalled on must be obscured");
        int firstBack = obscured.FindIndex(20, o => !o);
        Assert.True(firstBack > 50, $"the stall lasted 4 s but frames came back at {firstBack}");
        Assert.True(obscured.Skip(firstBack).All(o => !o), "the stream recovers by itself after the stall");
    }

    private static async Task<List<Mat>> GrayFramesAsync(string video, string dir)
    {
        string pattern = Path.Combine(dir, "f%04d.png");
        foreach (var old in Directory.EnumerateFiles(dir, "f*.png")) File.Delete(old);
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-i", video, "-fps_mode", "passthrough", "-vf", "scale=160:90", pattern])).EnsureSuccess();
        return Directory.EnumerateFiles(dir, "f*.png").Order().Select(p => Cv2.ImRead(p, ImreadModes.Grayscale)).ToList();
    }
}
