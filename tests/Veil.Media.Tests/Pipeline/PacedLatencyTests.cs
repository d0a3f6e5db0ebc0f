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
        string input = await CameraLikeClipAsync("paced-10fps.mp4", seconds: 3);

        using var pipeline = TranscodePipeline.Create(new TranscodeRequest(input, ["-"]) { OutputFormat = "null", Realtime = true }, new CountingProcessor());
        var result = await pipeline.RunAsync();

        Assert.Equal(30, result.FramesEncoded);
        // A 160x120 frame takes a few ms through decode and encode; the frame interval is 100 ms.
        Assert.True(result.LatencyP50Ms < 50, $"p50 latency {result.LatencyP50Ms} ms: the pacer's wait for the packet's time is counted");
    }

    [Fact]
    public async Task Settled_latency_leaves_out_the_frames_of_the_runs_first_seconds()
    {
        string input = await CameraLikeClipAsync("paced-10fps-5s.mp4", seconds: 5);

        using var pipeline = TranscodePipeline.Create(new TranscodeRequest(input, ["-"]) { OutputFormat = "null", Realtime = true }, new CountingProcessor());
        await pipeline.RunAsync();

        Assert.Equal(50, pipeline.Latency.Count);
        // Paced at 10 fps, the packets of the first 3 s arrive in it: 30 frames are the opening, 20 settled (one either way for the clock).
        Assert.InRange(pipeline.SettledLatency.Count, 19, 21);
    }

    /// <summary>
    /// 160x120 at 10 fps without B-frames, as a live camera codes: a reordered stream's frames also
    /// wait for the later packets shown before them, which is latency too (VideoDecoderDelayTests).
    /// </summary>
    private static async Task<string> CameraLikeClipAsync(string name, int seconds)
    {
        string clip = Path.Combine(SharedData.OutDirectory("media-tests"), name);
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size=160x120:rate=10:duration={seconds}",
            "-c:v", "libx264", "-preset", "veryfast", "-bf", "0", "-pix_fmt", "yuv420p", clip])).EnsureSuccess();
        return clip;
    }
}
