using Veil.Media.Demux;
using Veil.Media.Pipeline;
using Veil.TestSupport;

namespace Veil.Media.Tests.Pipeline;

/// <summary>
/// A publisher that goes silent ends its run with a clear error, but what it sent before is not
/// lost: every frame read is encoded and written, and each output is finished. Before, the run was
/// cancelled: an MP4 lost its index, and a live destination (veil serve's) its buffered bytes,
/// a whole short run's worth (found empty after `veil bench --webrtc --seconds 5`).
/// </summary>
public sealed class BrokenOffInputTests
{
    [Theory]
    [InlineData("file.mp4", false)] // a file output: plays only with its trailer (the index)
    [InlineData("live.flv", true)]  // a live destination on its own thread and queue, as veil serve writes
    public async Task A_publisher_gone_silent_fails_the_run_and_the_outputs_hold_every_frame_it_sent(string name, bool live)
    {
        string dir = SharedData.OutDirectory("broken-off");
        string clip = Path.Combine(dir, "clip.flv"), output = Path.Combine(dir, name);
        File.Delete(output);
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=2",
            "-c:v", "libx264", "-preset", "veryfast", "-bf", "0", "-g", "25", clip])).EnsureSuccess();
        var feed = new StreamFeed { Format = "flv" };
        feed.Write(await File.ReadAllBytesAsync(clip)); // and then nothing: silent, not disconnected
        var request = new TranscodeRequest("flv publish to test", [output])
        {
            InputOptions = new InputOptions { Feed = feed, Format = "flv", ReadTimeout = TimeSpan.FromSeconds(1) },
            ReconnectOutputs = live,
        };

        using (var pipeline = TranscodePipeline.Create(request, new CountingProcessor()))
        {
            var e = await Assert.ThrowsAsync<MediaException>(() => pipeline.RunAsync());
            Assert.True(e.Stalled, e.Message);
            Assert.Contains("publisher stalled", e.Message);
        }
        var probe = await FfTools.ProbeAsync(output);
        Assert.Equal(50, probe.Video.NbReadFrames);
    }
}
