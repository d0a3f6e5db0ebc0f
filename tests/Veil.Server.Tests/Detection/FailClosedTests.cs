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

    private static async Task<List<Mat>> GrayFramesAsync(string video, string dir)
    {
        string pattern = Path.Combine(dir, "f%04d.png");
        foreach (var old in Directory.EnumerateFiles(dir, "f*.png")) File.Delete(old);
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-i", video, "-vf", "scale=160:90", pattern])).EnsureSuccess();
        return Directory.EnumerateFiles(dir, "f*.png").Order().Select(p => Cv2.ImRead(p, ImreadModes.Grayscale)).ToList();
    }
}
