using Veil.TestSupport;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// Detection workers change speed, never the output: a frame leaves only once the answers of
/// every held frame within the look-ahead after it are in, so one worker and two give the same
/// frames, pixel for pixel (compared decoded, frame by frame).
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class DetectionWorkersTests(ModelsFixture models)
{
    [Fact]
    public async Task One_and_two_detection_workers_give_the_same_frames()
    {
        string dir = SharedData.OutDirectory("detection-workers");
        string input = SharedData.Video("mrsingh63_Face-Detection/crowd.mp4");
        var hashes = new List<string[]>();
        foreach (var workers in new[] { "1", "2" })
        {
            string output = Path.Combine(dir, $"crowd-{workers}.mkv");
            var run = await models.RunVeilAsync(TimeSpan.FromMinutes(3), "anonymize", input, "-o", output, "--duration", "2",
                "--detect-workers", workers, "--no-audio", "--quiet");
            Assert.True(run.Succeeded, run.StdErr);
            var md5 = await FfTools.RunFfmpegAsync(["-v", "error", "-i", output, "-map", "0:v", "-f", "framemd5", "-"]);
            md5.EnsureSuccess();
            hashes.Add(md5.StdOut.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray());
        }
        Assert.True(hashes[0].Length >= 45, $"only {hashes[0].Length} frames");
        Assert.Equal(hashes[0], hashes[1]);
    }
}
