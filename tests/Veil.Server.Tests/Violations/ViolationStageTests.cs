using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Server.Violations;
using Veil.TestSupport.Logging;

namespace Veil.Server.Tests.Violations;

/// <summary>The violation rules run on their own stage: redaction hands over a copy and goes on.</summary>
public sealed class ViolationStageTests
{
    [Fact]
    public void A_slow_rule_side_never_holds_up_redaction_drops_what_does_not_fit_and_sees_every_frame_it_took()
    {
        using var pool = new FramePool(64, 48, NativeFrameBuffer.Allocate);
        var seen = new List<(long Sequence, byte Luma, int Detections)>();
        using var release = new ManualResetEventSlim();
        var stage = new ViolationStage((frame, detections) =>
        {
            release.Wait(TimeSpan.FromMilliseconds(200)); // the rules are slow (a busy disk, a long clip encode): inline, 100 frames would take 20 s
            lock (seen) seen.Add((frame.Sequence, frame.Planes.YRow(0)[0], detections.Count));
        }, NullLogger.Instance);

        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 100; i++)
        {
            var frame = pool.Rent();
            frame.Sequence = i;
            frame.Planes.Fill((byte)i);
            stage.Offer(frame, [new Veil.Core.Detections.Detection(new BoxF(1, 2, 3, 4), ObjectClass.Person, 0.9f)]);
            frame.Planes.Fill(0); // the frame goes on to the encoder and back to its pool: the stage kept a copy
            frame.Release();
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"offering 100 frames to a stuck stage took {clock.Elapsed}");
        Assert.True(stage.Dropped > 0 && stage.Dropped < 100, $"{stage.Dropped} dropped");

        release.Set();
        stage.Dispose(); // waits for every frame it took
        Assert.Equal(100 - stage.Dropped, seen.Count);
        Assert.All(seen, s => Assert.Equal((byte)s.Sequence, s.Luma)); // each copy holds its own frame's pixels
        Assert.All(seen, s => Assert.Equal(1, s.Detections));
        Assert.Equal(seen.OrderBy(s => s.Sequence).Select(s => s.Sequence), seen.Select(s => s.Sequence));
    }

    [Fact]
    public void A_file_job_waits_for_the_rules_and_they_see_every_frame()
    {
        using var pool = new FramePool(64, 48, NativeFrameBuffer.Allocate);
        int seen = 0;
        var stage = new ViolationStage((_, _) => { Thread.Sleep(2); Interlocked.Increment(ref seen); }, NullLogger.Instance, live: false);
        OfferFrames(stage, pool, 100);
        stage.Dispose();
        Assert.Equal(0, stage.Dropped);
        Assert.Equal(100, seen);
    }

    [Fact]
    public void A_failing_rule_side_is_logged_once_per_cause_and_the_frames_go_on()
    {
        var log = new CapturingLogger();
        using var pool = new FramePool(64, 48, NativeFrameBuffer.Allocate);
        var stage = new ViolationStage((frame, _) => throw new IOException(frame.Sequence < 3 ? "disk full" : "outbox closed"), log, live: false);
        OfferFrames(stage, pool, 5);
        stage.Dispose();
        Assert.Equal(
        [
            (LogLevel.Warning, "violation rules failed on frame 0: disk full"),
            (LogLevel.Warning, "violation rules failed on frame 3: outbox closed"),
        ], log.Lines.Select(l => (l.Level, l.Text)));
    }

    /// <summary>Frames 0 to <paramref name="count"/> - 1, each offered and then released as the encoder would.</summary>
    private static void OfferFrames(ViolationStage stage, FramePool pool, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var frame = pool.Rent();
            frame.Sequence = i;
            stage.Offer(frame, []);
            frame.Release();
        }
    }
}
