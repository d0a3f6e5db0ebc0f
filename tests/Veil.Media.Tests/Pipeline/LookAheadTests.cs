using Veil.Core.Frames;
using Veil.Core.Pipeline;
using Veil.Media.Pipeline;
using Veil.TestSupport;

namespace Veil.Media.Tests.Pipeline;

/// <summary>
/// A look-ahead processor gets every frame held for its delay: each frame is completed once, in
/// order, only after a frame at least the delay later was processed (or at the end), and none is lost.
/// A frame whose work is done leaves after the shorter hold; one whose work is not waits the longest.
/// </summary>
public sealed class LookAheadTests
{
    private sealed class Recorder : ILookAheadProcessor
    {
        public readonly List<TimeSpan> Processed = new();
        public readonly List<(TimeSpan Frame, TimeSpan LatestProcessed)> Completed = new();
        public TimeSpan Delay => TimeSpan.FromMilliseconds(200);
        public void Process(VideoFrame frame) => Processed.Add(frame.Time);
        public void Complete(VideoFrame frame) => Completed.Add((frame.Time, Processed[^1]));
    }

    [Fact]
    public async Task HoldsEachFrameForTheDelayAndLosesNone()
    {
        string dir = SharedData.OutDirectory("media-tests");
        string input = Path.Combine(dir, "lookahead.mp4"), output = Path.Combine(dir, "lookahead-out.mkv");
        await FfTools.GenerateClipAsync(input, 320, 240, 25, 2, withAudio: false);
        var recorder = new Recorder();
        using (var pipeline = TranscodePipeline.Create(new TranscodeRequest(input, [output]), recorder))
            Assert.Equal(50, (await pipeline.RunAsync()).FramesEncoded);

        Assert.Equal(recorder.Processed, recorder.Completed.Select(c => c.Frame));
        foreach (var (frame, latest) in recorder.Completed.Take(40))
            Assert.True(latest - frame >= recorder.Delay, $"frame at {frame} completed when only {latest} had been processed");
        Assert.Equal(50, (await FfTools.ProbeAsync(output)).Video.NbReadFrames);
    }

    /// <summary>Work is done on frames at even 40 ms steps; odd frames are never ready.</summary>
    private sealed class HalfReady : ILookAheadProcessor
    {
        public readonly List<TimeSpan> Processed = new();
        public readonly List<(TimeSpan Frame, TimeSpan LatestProcessed)> Completed = new();
        public TimeSpan MinDelay => TimeSpan.FromMilliseconds(80);
        public TimeSpan Delay => TimeSpan.FromMilliseconds(400);
        public bool IsReady(VideoFrame frame) => IsReadyAt(frame.Time);
        public bool IsReadyAt(TimeSpan time) => (int)Math.Round(time.TotalMilliseconds / 40) % 2 == 0;
        public void Process(VideoFrame frame) => Processed.Add(frame.Time);
        public void Complete(VideoFrame frame) => Completed.Add((frame.Time, Processed[^1]));
    }

    [Fact]
    public async Task A_ready_frame_leaves_after_the_look_ahead_and_one_that_is_not_at_the_longest_hold()
    {
        string dir = SharedData.OutDirectory("media-tests");
        string input = Path.Combine(dir, "lookahead-ready.mp4"), output = Path.Combine(dir, "lookahead-ready-out.mkv");
        await FfTools.GenerateClipAsync(input, 320, 240, 25, 2, withAudio: false);
        var processor = new HalfReady();
        using (var pipeline = TranscodePipeline.Create(new TranscodeRequest(input, [output]), processor))
            Assert.Equal(50, (await pipeline.RunAsync()).FramesEncoded);

        Assert.Equal(processor.Processed, processor.Completed.Select(c => c.Frame));
        foreach (var (frame, latest) in processor.Completed.Take(35))
        {
            var held = latest - frame;
            if (processor.IsReadyAt(frame))
                Assert.True(held >= processor.MinDelay && held < processor.Delay, $"ready frame at {frame} left when {latest} had been processed");
            else
                Assert.True(held >= processor.Delay, $"frame at {frame}, never ready, left when only {latest} had been processed");
        }
    }
}
