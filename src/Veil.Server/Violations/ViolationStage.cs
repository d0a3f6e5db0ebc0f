using System.Threading.Channels;
using Veil.Core.Detections;
using Veil.Core.Frames;

namespace Veil.Server.Violations;

/// <summary>
/// The violation side as a stage of its own: the redaction stage hands it a copy of each redacted
/// frame with its detections and goes on; rules, clips, snapshots and the outbox run on this
/// stage's task. On a live stream what does not fit (the stage a second behind) is dropped and
/// counted, never waited for, so violations cost redaction a frame copy; a file job waits for the
/// rules instead and misses no event. At the end of a run every frame handed over is still looked
/// at, so no event of its last seconds is lost.
/// </summary>
internal sealed class ViolationStage : IDisposable
{
    private const int Capacity = 25; // about a second of frames
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(30);

    private readonly Action<VideoFrame, IReadOnlyList<Detection>> _observe;
    private readonly Action<string> _warn;
    private readonly Channel<(VideoFrame Frame, Detection[] Detections)> _frames =
        Channel.CreateBounded<(VideoFrame, Detection[])>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });
    private readonly Task _loop;
    private readonly bool _live;
    private FramePool? _copies;
    private long _dropped;
    private string? _lastError;

    /// <param name="observe">The rules' look at one frame (<see cref="ViolationExtractor.Observe"/>), on this stage's task.</param>
    /// <param name="live">Drop frames the stage has no room for (a live stream) rather than wait for room (a file job).</param>
    public ViolationStage(Action<VideoFrame, IReadOnlyList<Detection>> observe, Action<string> warn, bool live = true)
    {
        _live = live;
        _observe = observe;
        _warn = warn;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Frames the stage was too far behind to take.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>On the redaction stage, after the frame was redacted: copies it and its detections, or drops it when the stage is full.</summary>
    public void Offer(VideoFrame frame, IReadOnlyList<Detection> detections)
    {
        if (_copies is null || _copies.Width != frame.Width || _copies.Height != frame.Height)
        {
            if (_copies is { Outstanding: > 0 }) { Interlocked.Increment(ref _dropped); return; } // a new size once the old copies are done
            _copies?.Dispose();
            _copies = new FramePool(frame.Width, frame.Height, NativeFrameBuffer.Allocate);
        }
        if (_live && _copies.Outstanding >= Capacity)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        var copy = _copies.Rent();
        CopyPlanes(frame.Planes, copy.Planes);
        copy.Time = frame.Time;
        copy.Sequence = frame.Sequence;
        var item = (copy, detections.ToArray());
        if (!_live)
        {
            _frames.Writer.WriteAsync(item).AsTask().GetAwaiter().GetResult();
            return;
        }
        if (!_frames.Writer.TryWrite(item))
        {
            copy.Release();
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task RunAsync()
    {
        await foreach (var (frame, detections) in _frames.Reader.ReadAllAsync())
        {
            // A failure on this side (a snapshot, the outbox's disk) is told once per cause; the
            // frame was published already and the next one is looked at as usual.
            try { _observe(frame, detections); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (e.Message != _lastError) _warn($"violation rules failed on frame {frame.Sequence}: {e.Message}");
                _lastError = e.Message;
            }
            finally { frame.Release(); }
        }
    }

    private static void CopyPlanes(YuvPlanes from, YuvPlanes to)
    {
        for (int y = 0; y < from.Height; y++) from.YRow(y).CopyTo(to.YRow(y));
        for (int y = 0; y < from.ChromaHeight; y++)
        {
            from.URow(y).CopyTo(to.URow(y));
            from.VRow(y).CopyTo(to.VRow(y));
        }
    }

    /// <summary>Looks at every frame handed over (up to half a minute), then frees the copies.</summary>
    public void Dispose()
    {
        _frames.Writer.TryComplete();
        if (!_loop.Wait(DrainLimit)) _warn($"violation rules still busy after {DrainLimit.TotalSeconds:0} s at the end of the run: the events of its last frames may be missing");
        if (Dropped > 0) _warn($"violation rules skipped {Dropped} frame(s): they fell more than a second behind the video");
        _copies?.Dispose();
    }
}
