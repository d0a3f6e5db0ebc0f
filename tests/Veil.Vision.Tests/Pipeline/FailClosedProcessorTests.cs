using Microsoft.Extensions.Logging;
using Veil.Core.Frames;
using Veil.Core.Pipeline;
using Veil.TestSupport.Logging;
using Veil.Vision.Pipeline;

namespace Veil.Vision.Tests.Pipeline;

/// <summary>The fail-closed gate tells its log once when detection starts failing and once when it recovers, never per frame.</summary>
public sealed class FailClosedProcessorTests
{
    [Fact]
    public void Failing_and_recovering_are_one_line_each()
    {
        var log = new CapturingLogger();
        using var pool = new FramePool(64, 48, NativeFrameBuffer.Allocate);
        using var gate = new FailClosedProcessor(new FailingOn(2, 3, 4), log);
        for (int i = 0; i < 8; i++)
        {
            var frame = pool.Rent();
            frame.Sequence = i;
            gate.Process(frame);
            gate.Complete(frame);
            frame.Release();
        }

        Assert.Equal(3, gate.ObscuredFrames);
        Assert.Equal(
        [
            (LogLevel.Warning, 1, "detection failed at frame 2 (no detector on frame 2): frames are obscured until it recovers"),
            (LogLevel.Information, 2, "detection recovered at frame 5 after 3 obscured frame(s)"),
        ], log.Lines.Select(l => (l.Level, l.Id.Id, l.Text)));
        Assert.Equal(2L, log.Lines[0].Fields["Frame"]);
        Assert.Equal("no detector on frame 2", log.Lines[0].Fields["Reason"]);
    }

    [Fact]
    public void Event_ids_are_unique() => Assert.Empty(LogClasses.EventIdProblems(typeof(VisionLog)));

    /// <summary>A detector that throws on the frames given.</summary>
    private sealed class FailingOn(params long[] sequences) : ILookAheadProcessor
    {
        public TimeSpan Delay => TimeSpan.Zero;

        public void Process(VideoFrame frame)
        {
            if (sequences.Contains(frame.Sequence)) throw new InvalidOperationException($"no detector on frame {frame.Sequence}");
        }

        public void Complete(VideoFrame frame) { }
    }
}
