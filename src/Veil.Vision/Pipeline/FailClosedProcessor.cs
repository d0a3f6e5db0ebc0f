using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.Core.Pipeline;
using Veil.Vision.Redaction;

namespace Veil.Vision.Pipeline;

/// <summary>
/// The fail-closed gate around detection: when the detector throws on a frame, the whole frame is
/// obscured (a solid fill: nothing of it can leave raw) and counted; the next frame tries the
/// detector again, so the stream recovers by itself once detection is healthy.
/// </summary>
public sealed class FailClosedProcessor : ILookAheadProcessor, IDisposable
{
    private readonly ILookAheadProcessor _inner;
    private readonly ILogger _log;
    private readonly PlaneRedactor _obscurer = new(new RedactionOptions { Style = RedactionStyle.Fill, MarginFraction = 0 });
    private bool _failing;
    private long _obscuredSequence = -1;

    /// <param name="log">Told once when detection starts failing and once when it recovers, not per frame (none by default).</param>
    public FailClosedProcessor(ILookAheadProcessor inner, ILogger? log = null)
    {
        _inner = inner;
        _log = log ?? NullLogger.Instance;
    }

    /// <summary>Drop failed frames (the output skips them) instead of sending them filled; may change while frames run (a stream's policy).</summary>
    public bool DropFailedFrames
    {
        get => _dropFailedFrames;
        set => _dropFailedFrames = value;
    }
    private volatile bool _dropFailedFrames;

    /// <summary>Frames obscured whole because detection failed on them.</summary>
    public long ObscuredFrames { get; private set; }

    /// <summary>The last detection error, for logs and stats.</summary>
    public string? LastError { get; private set; }

    public void Process(VideoFrame frame)
    {
        try { _inner.Process(frame); }
        catch (Exception e) when (e is not OperationCanceledException) { Fail(frame, e); }
    }

    public TimeSpan Delay => _inner.Delay;
    public TimeSpan MinDelay => _inner.MinDelay;
    public bool IsReady(VideoFrame frame) => _inner.IsReady(frame);
    public long OldestUnfinishedArrival => _inner.OldestUnfinishedArrival;

    /// <summary>A failing warm-up is no error yet: the first frame will fail closed if detection is broken.</summary>
    public void Prepare(int width, int height)
    {
        try { _inner.Prepare(width, height); }
        catch (Exception e) when (e is not OperationCanceledException) { LastError = e.Message; }
    }

    /// <summary>The frame leaves redacted, or obscured when its detection failed; every frame goes through here.</summary>
    public void Complete(VideoFrame frame)
    {
        try
        {
            _inner.Complete(frame);
            if (_failing && _obscuredSequence != frame.Sequence)
            {
                _failing = false;
                VisionLog.DetectionRecovered(_log, frame.Sequence, ObscuredFrames);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Fail(frame, e);
        }
    }

    private void Fail(VideoFrame frame, Exception e)
    {
        bool counted = _obscuredSequence == frame.Sequence;
        Obscure(frame, e, counted);
        if (!_failing)
        {
            _failing = true;
            VisionLog.DetectionFailed(_log, frame.Sequence, e.Message);
        }
    }

    // Filled even when dropped: a dropped frame that somehow went on would still show nothing.
    private void Obscure(VideoFrame frame, Exception e, bool counted)
    {
        _obscurer.Redact(frame.Planes, RedactionRegion.Rectangle(new PixelRect(0, 0, frame.Width, frame.Height), "fail-closed"));
        frame.Dropped = DropFailedFrames;
        _obscuredSequence = frame.Sequence;
        if (!counted) ObscuredFrames++;
        LastError = e.Message;
    }

    public void Dispose() => _obscurer.Dispose();
}
