using System.Diagnostics;
using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Vision.Detectors;

namespace Veil.Vision.Pipeline;

/// <summary>
/// Detection threads, each with its own detector over the shared sessions, taking one stream's
/// jobs oldest first. Several frames are detected side by side while the stage holds them; a
/// job given up on is skipped when still queued and let go of when it finally returns.
/// The pool records when a worker last made progress: a deadline that counts from there, not from
/// a job's submission, tells a hung detector from a busy machine.
/// </summary>
internal sealed class DetectionPool : IDisposable
{
    private readonly PrivacyDetector[] _detectors;
    private readonly Thread[] _threads;
    private readonly (int W, int H)[] _warmed;
    private readonly Queue<DetectionJob> _queue = new();
    private readonly SemaphoreSlim _available = new(0);

    private volatile bool _disposed;
    private long _lastProgress = Stopwatch.GetTimestamp();
    private int _inFlight;

    /// <summary>How long since a worker last started or finished a run.</summary>
    public TimeSpan SinceProgress => Stopwatch.GetElapsedTime(Volatile.Read(ref _lastProgress));

    public DetectionPool(int workers, Func<PrivacyDetector> createDetector)
    {
        _detectors = new PrivacyDetector[workers];
        _threads = new Thread[workers];
        _warmed = new (int, int)[workers];
        for (int i = 0; i < workers; i++)
        {
            _detectors[i] = createDetector();
            int worker = i;
            _threads[i] = new Thread(() => Loop(worker)) { IsBackground = true, Name = $"veil-detect-{i}" };
            _threads[i].Start();
        }
    }

    public void Submit(DetectionJob job)
    {
        // An idle pool has made no progress because it had nothing to do: its clock starts now.
        if (Interlocked.Increment(ref _inFlight) == 1) Progress();
        lock (_queue) _queue.Enqueue(job);
        _available.Release();
    }

    /// <summary>
    /// Warms every worker up on a stream's first picture before its first job, while the pool is
    /// idle: a first run at a new size binds tensors and costs several runs, and on a loaded
    /// machine that must not count against the first frames' deadline. Returns false when busy
    /// (a size change mid-stream), in which case each worker warms up before its next job.
    /// </summary>
    public bool TryWarmUp(YuvPlanes planes)
    {
        if (Volatile.Read(ref _inFlight) != 0) return false;
        int w = planes.Width, h = planes.Height;
        var copies = new NativeFrameBuffer[_detectors.Length];
        try
        {
            for (int i = 0; i < copies.Length; i++)
            {
                copies[i] = new NativeFrameBuffer(w, h);
                planes.CopyTo(copies[i].Planes);
            }
            Parallel.For(0, _detectors.Length, i => WarmUp(i, copies[i].Planes, new List<Detection>()));
        }
        finally
        {
            foreach (var copy in copies) copy?.Dispose();
        }
        return true;
    }

    private void Loop(int worker)
    {
        var detector = _detectors[worker];
        var warmUpDetections = new List<Detection>();
        while (true)
        {
            _available.Wait();
            if (_disposed) return;
            DetectionJob job;
            lock (_queue) job = _queue.Dequeue();
            if (!job.TryStart())
            {
                job.Discard();
                Interlocked.Decrement(ref _inFlight);
                continue;
            }
            Progress();
            if (_warmed[worker] != (job.Width, job.Height)) WarmUp(worker, job.Planes, warmUpDetections);
            try { job.Ran = detector.Detect(job.Planes, job.Sequence, job.Detections, job.Plan, job.Policy?.Classes); }
            catch (Exception e) { job.Error = e; }
            Progress();
            Interlocked.Decrement(ref _inFlight);
            if (!job.TryFinish()) job.Discard();
        }
    }

    private void Progress() => Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());

    /// <summary>A first run at a frame size, with every model due; its answer is thrown away.</summary>
    private void WarmUp(int worker, YuvPlanes planes, List<Detection> scratch)
    {
        try { _detectors[worker].WarmUp(planes, scratch); }
        catch (Exception) { } // the answering run reports it
        scratch.Clear();
        _warmed[worker] = (planes.Width, planes.Height);
        Progress();
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
