using Veil.Media.Pipeline;
using Veil.TestSupport;

namespace Veil.Media.Tests.Pipeline;

/// <summary>
/// A file read like a camera (ffmpeg's -re) is read ahead of each packet's time and then held
/// until it: the latency of a frame counts from its release, as a camera would deliver it. Counted
/// from the read, every figure carried up to a frame interval that no viewer waits.
/// </summary>
public sealed class PacedLatencyTests
{
    [Fact]
    public async Task Latency_of_a_paced_file_counts_from_each_packet_s_release_not_from_the_read_ahead()
    {
        string dir = SharedData.OutDirectory("media-tests");
        string input = Path.Combine(dir, "paced-10fps.mp4");
        await FfTools.GenerateClipAsync(input, 160, 120, 10, 3, withAudio: false);

        using var pipeline = TranscodePipeline.Create(new TranscodeRequest(input, ["-"]) { OutputFormat = "null", Realtime = true }, new CountingProcessor());
        var result = await pipeline.RunAsync();

        Assert.Equal(30, result.FramesEncoded);
        // A 160x120 frame takes a few ms through decode and encode; the frame interval is 100 ms.
        Assert.True(result.LatencyP50Ms < 50, $"p50 latency {result.LatencyP50Ms} ms: the pacer's wait for the packet's time is counted");
    }

    [Fact]
    public async Task Settled_latency_leaves_out_the_frames_of_the_runs_first_seconds()
    {
        string input = Path.Combine(SharedData.OutDirectory("media-tests"), "paced-10fps-5s.mp4");
        await FfTools.GenerateClipAsync(input, 160, 120, 10, 5, withAudio: false);

        using var pipeline = TranscodePipeline.Create(new TranscodeRequest(input, ["-"]) { OutputFormat = "null", Realtime = true }, new CountingProcessor());
        await pipeline.RunAsync();

        Assert.Equal(50, pipeline.Latency.Count);
        // Paced at 10 fps, the packets of the first 3 s arrive in it: 30 frames are the opening, 20 settled (one either way for the clock).
        Assert.InRange(pipeline.SettledLatency.Count, 19, 21);
    }
}
