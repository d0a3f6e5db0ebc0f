using Veil.Media.Pipeline;
using Veil.TestSupport;

namespace Veil.Media.Tests.Pipeline;

/// <summary>
/// A live run that is stopped (veil serve stopping, a stream removed or taken over) still finishes
/// its destinations with what they were sent. Before, a stop cut them off: an MP4 destination had
/// no index and did not play at all, a Matroska one lost its last cluster, up to 5 s (a stream
/// policy test once found no frame after the change it had waited for in its output).
/// </summary>
public sealed class StoppedRunTests
{
    [Theory]
    [InlineData("stopped.mp4")] // plays only with its trailer (the index)
    [InlineData("stopped.mkv")] // a cluster is written when the next one starts, or by the trailer
    public async Task A_stopped_run_finishes_its_destinations_with_every_frame_they_were_sent(string name)
    {
        string dir = SharedData.OutDirectory("stopped-run");
        string clip = Path.Combine(dir, "clip.mp4"), output = Path.Combine(dir, name);
        File.Delete(output);
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=20",
            "-c:v", "libx264", "-preset", "veryfast", "-bf", "0", "-g", "25", clip])).EnsureSuccess();
        var request = new TranscodeRequest(clip, [output]) { Realtime = true, ReconnectOutputs = true };

        using var stop = new CancellationTokenSource();
        long encodedAtStop = 0;
        using (var pipeline = TranscodePipeline.Create(request, new CountingProcessor()))
        {
            // 3 s into a 20 s clip paced at its rate: well inside a Matroska cluster's 5 s.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.RunAsync(p =>
            {
                if (p.FramesEncoded < 75 || stop.IsCancellationRequested) return;
                encodedAtStop = p.FramesEncoded;
                stop.Cancel();
            }, stop.Token));
            Assert.Equal(DestinationState.Finished, Assert.Single(pipeline.Destinations).State);
        }
        var probe = await FfTools.ProbeAsync(output);
        // Every frame encoded by the stop was sent but those still queued for the mux stage (a few).
        Assert.InRange(probe.Video.NbReadFrames ?? 0, encodedAtStop - 8, 500);
    }
}
