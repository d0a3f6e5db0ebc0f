using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Vision.Detectors;

namespace Veil.Vision.Pipeline;

/// <summary>
/// Runs the detector on its own thread over a private copy of each frame, so a detector that
/// stalls holds up only itself: the caller waits at most a deadline and then fails closed, and a
/// late answer is thrown away. The copy (a plane memcpy) means the stalled run never reads a frame
/// that has moved on to the encoder.
/// </summary>
public sealed class DetectionWorker : IDisposable
{
    private readonly PrivacyDetector _detector;
    private readonly Thread _thread;
    private readonly SemaphoreSlim _start = new(0);
    private readonly ManualResetEventSlim _done = new(false);
    private readonly object _gate = new();
    private readonly List<Detection> _results = new();
    private NativeFrameBuffer? _copy;
    private long _frameIndex;
    private ModelFamilies _ran;
    private Exception? _error;
    private bool _busy, _completed, _abandoned;
    private volatile bool _disposed;

    public DetectionWorker(PrivacyDetector detector)
    {
        _detector = detector;
        _thread = new Thread(Loop) { IsBackground = true, Name = "veil-detect" };
        _thread.Start();
    }

    /// <summary>
    /// Detects on a copy of <paramref name="frame"/>, waiting at most <paramref name="deadline"/>.
    /// Throws <see cref="DetectorStalledException"/> when the detector is late or still busy with
    /// an earlier, abandoned frame, and rethrows the detector's own error.
    /// </summary>
    public ModelFamilies Detect(VideoFrame frame, TimeSpan deadline, List<Detection> into)
    {
        lock (_gate)
        {
            if (_busy) throw new DetectorStalledException($"detector still busy with an earlier frame (stalled over {deadline.TotalMilliseconds:0} ms)");
            _busy = true;
            _completed = _abandoned = false;
            _done.Reset();
        }
        CopyFrame(frame);
        _frameIndex = frame.Sequence;
        _start.Release();
        if (!_done.Wait(deadline))
        {
            lock (_gate)
            {
                if (!_completed)
                {
                    _abandoned = true;
                    throw new DetectorStalledException($"detector gave no answer within {deadline.TotalMilliseconds:0} ms");
                }
            }
        }
        if (_error is { } e) throw new InvalidOperationException($"detector failed: {e.Message}", e);
        into.AddRange(_results);
        return _ran;
    }

    private unsafe void CopyFrame(VideoFrame frame)
    {
        if (_copy is null || _copy.Width != frame.Width || _copy.Height != frame.Height)
        {
            _copy?.Dispose();
            _copy = new NativeFrameBuffer(frame.Width, frame.Height);
        }
        YuvPlanes src = frame.Planes, dst = _copy.Planes;
        for (int y = 0; y < src.Height; y++) src.YRow(y).CopyTo(dst.YRow(y));
        for (int y = 0; y < src.ChromaHeight; y++)
        {
            src.URow(y).CopyTo(dst.URow(y));
            src.VRow(y).CopyTo(dst.VRow(y));
        }
    }

    private void Loop()
    {
        while (true)
        {
            _start.Wait();
            if (_disposed) return;
            _results.Clear();
            _error = null;
            try { _ran = _detector.Detect(_copy!.Planes, _frameIndex, _results); }
            catch (Exception e) { _error = e; }
            lock (_gate)
            {
                _completed = true;
                _busy = false;
                if (!_abandoned) _done.Set();
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _start.Release();
        // A stalled detector may never return; the thread is a background one, so do not wait long.
        if (_thread.Join(TimeSpan.FromSeconds(2)))
        {
            _copy?.Dispose();
            _detector.Dispose();
        }
        _done.Dispose();
    }
}
