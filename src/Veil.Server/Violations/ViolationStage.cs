using Microsoft.Extensions.Logging;
using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Media.Pipeline;

namespace Veil.Server.Violations;

/// <summary>
/// The violation side as a stage of its own: the redaction stage hands it a copy of each redacted
/// frame with its detections and goes on; rules, clips, snapshots and the outbox run on this
/// stage's thread. On a live stream what does not fit (the stage a second behind) is dropped and
/// counted, never waited for, so violations cost redaction a frame copy; a file job waits for the
/// rules instead and misses no event. At the end of a run every frame handed over is still looked
/// at, so no event of its last seconds is lost. The stage has a thread of its own, as the
/// pipeline's stages do: a thread-pool task waits for a thread while detection holds the cores.
/// </summary>
internal sealed class ViolationStage : IDisposable
{
    private const int Capacity = 25; // about a second of frames
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(30);

    private readonly Action<VideoFrame, IReadOnlyList<Detection>> _observe;
    private readonly ILogger _log;
    private readonly StageQueue<(VideoFrame Frame, Detection[] Detections)> _frames = new(Capacity, CancellationToken.None);
    private readonly Thread _loop;
    private readonly bool _live;
    private FramePool? _copies;
    private long _dropped;
    private string? _lastError;

    /// <param name="observe">The rules' look at one frame (<see cref="ViolationExtractor.Observe"/>), on this stage's thread.</param>
    /// <param name="log">Where the stage's failures and skipped frames are told (<see cref="ViolationsLog"/>).</param>
    /// <param name="live">Drop frames the stage has no room for (a live stream) rather than wait for room (a file job).</param>
    public ViolationStage(Action<VideoFrame, IReadOnlyList<Detection>> observe, ILogger log, bool live = true)
    {
        _live = live;
        _observe = observe;
        _log = log;
        _loop = new Thread(Run) { IsBackground = true, Name = "violation rules" };
        _loop.Start();
    }

    /// <summary>Frames the stage was too far behind to take.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>On the redaction stage, after the frame was redacted: copies it and its detections, or drops it when the stage is full.</summary>
    public void Offer(VideoFrame frame, IReadOnlyList<Detection> detections)
    {
        if (_live && _frames.Count >= Capacity)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        if (_copies is null || _copies.Width != frame.Width || _copies.Height != frame.Height)
        {
            _copies?.Dispose(); // copies still queued are freed when the stage returns them
            _copies = new FramePool(frame.Width, frame.Height, NativeFrameBuffer.Allocate);
        }
        var copy = _copies.Rent();
        frame.Planes.CopyTo(copy.Planes);
        copy.Time = frame.Time;
        copy.Sequence = frame.Sequence;
        _frames.Add((copy, detections.ToArray())); // live: there is room (one writer); a file job: waits for it
    }

    private void Run()
    {
        while (_frames.TryTake(out var item))
        {
            var (frame, detections) = item;
            // A failure on this side (a snapshot, the outbox's disk) is told once per cause; the
            // frame was published already and the next one is looked at as usual (the thread never
            // ends early: a file job's redaction would wait on it for room).
            try { _observe(frame, detections); }
            catch (Exception e)
            {
                if (e.Message != _lastError) ViolationsLog.RulesFailed(_log, frame.Sequence, e.Message);
                _lastError = e.Message;
            }
            finally { frame.Release(); }
        }
    }

    /// <summary>Looks at every frame handed over (up to half a minute), then frees the copies.</summary>
    public void Dispose()
    {
        _frames.Complete();
        if (!_loop.Join(DrainLimit)) ViolationsLog.RulesStillBusy(_log, DrainLimit.TotalSeconds);
        if (Dropped > 0) ViolationsLog.RulesSkipped(_log, Dropped);
        _copies?.Dispose();
        _frames.Dispose();
    }
}
