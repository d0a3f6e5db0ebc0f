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
    private readonly IFrameProcessor _inner;
    private readonly PlaneRedactor _obscurer = new(new RedactionOptions { Style = RedactionStyle.Fill, MarginFraction = 0 });
    private bool _failing;

    public FailClosedProcessor(IFrameProcessor inner) => _inner = inner;

    /// <summary>Drop failed frames (the output skips them) instead of sending them filled.</summary>
    public bool DropFailedFrames { get; init; }

    /// <summary>Frames obscured whole because detection failed on them.</summary>
    public long ObscuredFrames { get; private set; }

    /// <summary>The last detection error, for logs and stats.</summary>
    public string? LastError { get; private set; }

    /// <summary>Told once when detection starts failing and once when it recovers (not per frame).</summary>
    public Action<string>? OnStateChange { get; init; }

    public void Process(VideoFrame frame)
    {
        try
        {
            _inner.Process(frame);
            if (_failing)
            {
                _failing = false;
                OnStateChange?.Invoke($"detection recovered at frame {frame.Sequence} after {ObscuredFrames} obscured frame(s)");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Obscure(frame, e);
            if (!_failing)
            {
                _failing = true;
                OnStateChange?.Invoke($"detection failed at frame {frame.Sequence} ({e.Message}): frames are obscured until it recovers");
            }
        }
    }

    public TimeSpan Delay => (_inner as ILookAheadProcessor)?.Delay ?? TimeSpan.Zero;

    public void Complete(VideoFrame frame)
    {
        if (_inner is not ILookAheadProcessor lookAhead) return;
        try
        {
            lookAhead.Complete(frame);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Obscure(frame, e);
        }
    }

    // Filled even when dropped: a dropped frame that somehow went on would still show nothing.
    private void Obscure(VideoFrame frame, Exception e)
    {
        _obscurer.Redact(frame.Planes, RedactionRegion.Rectangle(new PixelRect(0, 0, frame.Width, frame.Height), "fail-closed"));
        frame.Dropped = DropFailedFrames;
        ObscuredFrames++;
        LastError = e.Message;
    }

    public void Dispose() => _obscurer.Dispose();
}
