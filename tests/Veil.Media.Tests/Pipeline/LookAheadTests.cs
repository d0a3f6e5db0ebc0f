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
    /// <summary>Records when each frame completes; ready (its work done) when <paramref name="ready"/> says so.</summary>
    private sealed class Recorder(TimeSpan minDelay, TimeSpan delay, Func<TimeSpan, bool> ready) : ILookAheadProcessor
    {
        public readonly List<TimeSpan> Processed = new();
        public readonly List<(TimeSpan Frame, TimeSpan LatestProcessed)> Completed = new();
        public TimeSpan MinDelay => minDelay;
        public TimeSpan Delay => delay;
        public bool IsReady(VideoFrame frame) => ready(frame.Time);
        public void Process(VideoFrame frame) => Processed.Add(frame.Time);
        public void Complete(VideoFrame frame) => Completed.Add((frame.Time, Processed[^1]));

        /// <summary>Runs a 2 s 25 fps clip through the pipeline; the output's frame count.</summary>
        public async Task<long?> RunAsync(string name)
        {
            string dir = SharedData.OutDirectory("media-tests");
            string input = Path.Combine(dir, $"{name}.mp4"), output = Path.Combine(dir, $"{name}-out.mkv");
            await FfTools.GenerateClipAsync(input, 320, 240, 25, 2, withAudio: false);
            using (var pipeline = TranscodePipeline.Create(new TranscodeRequest(input, [output]), this))
                Assert.Equal(50, (await pipeline.RunAsync()).FramesEncoded);
            Assert.Equal(Processed, Completed.Select(c => c.Frame));
            return (await FfTools.ProbeAsync(output)).Video.NbReadFrames;
        }
    }

    [Fact]
    public async Task HoldsEachFrameForTheDelayAndLosesNone()
    {
        var delay = TimeSpan.FromMilliseconds(200);
        var recorder = new Recorder(delay, delay, _ => true);

        Assert.Equal(50, await recorder.RunAsync("lookahead"));
        foreach (var (frame, latest) in recorder.Completed.Take(40))
            Assert.True(latest - frame >= recorder.Delay, $"frame at {frame} completed when only {latest} had been processed");
    }

    [Fact]
    public async Task A_ready_frame_leaves_after_the_look_ahead_and_one_that_is_not_at_the_longest_hold()
    {
        // Work is done on frames at even 40 ms steps; odd frames are never ready.
        static bool Even(TimeSpan time) => (int)Math.Round(time.TotalMilliseconds / 40) % 2 == 0;
        var recorder = new Recorder(TimeSpan.FromMilliseconds(80), TimeSpan.FromMilliseconds(400), Even);

        Assert.Equal(50, await recorder.RunAsync("lookahead-ready"));
        foreach (var (frame, latest) in recorder.Completed.Take(35))
        {
            var held = latest - frame;
            if (Even(frame))
                Assert.True(held >= recorder.MinDelay && held < recorder.Delay, $"ready frame at {frame} left when {latest} had been processed");
            else
                Assert.True(held >= recorder.Delay, $"frame at {frame}, never ready, left when only {latest} had been processed");
        }
    }
}
