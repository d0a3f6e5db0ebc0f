using Veil.Vision.Detectors;

namespace Veil.Vision.Pipeline;

/// <summary>
/// Detection threads, each with its own detector over the shared sessions, taking one stream's
/// jobs oldest first. Several frames are detected side by side while the stage holds them; a
/// job given up on is skipped when still queued and let go of when it finally returns.
/// </summary>
internal sealed class DetectionPool : IDisposable
{
    private readonly PrivacyDetector[] _detectors;
    private readonly Thread[] _threads;
    private readonly Queue<DetectionJob> _queue = new();
    private readonly SemaphoreSlim _available = new(0);
    private volatile bool _disposed;

    public DetectionPool(int workers, Func<PrivacyDetector> createDetector)
    {
        _detectors = new PrivacyDetector[workers];
        _threads = new Thread[workers];
        for (int i = 0; i < workers; i++)
        {
            var detector = _detectors[i] = createDetector();
            _threads[i] = new Thread(() => Loop(detector)) { IsBackground = true, Name = $"veil-detect-{i}" };
            _threads[i].Start();
        }
    }

    public void Submit(DetectionJob job)
    {
        lock (_queue) _queue.Enqueue(job);
        _available.Release();
    }

    private void Loop(PrivacyDetector detector)
    {
        while (true)
        {
            _available.Wait();
            if (_disposed) return;
            DetectionJob job;
            lock (_queue) job = _queue.Dequeue();
            if (!job.TryStart())
            {
                job.Discard();
                continue;
            }
            try { job.Ran = detector.Detect(job.Planes, job.Sequence, job.Detections); }
            catch (Exception e) { job.Error = e; }
            if (!job.TryFinish()) job.Discard();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _available.Release(_threads.Length);
        // A stalled detector may never return; the threads are background ones, so do not wait long.
        bool stopped = true;
        foreach (var thread in _threads) stopped &= thread.Join(TimeSpan.FromSeconds(2));
        if (!stopped) return;
        foreach (var detector in _detectors) detector.Dispose();
        _available.Dispose();
    }
}
