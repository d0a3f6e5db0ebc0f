using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.Vision.Detectors;
using Veil.Vision.Regions;

namespace Veil.Vision.Pipeline;

/// <summary>
/// One frame's detection: a private copy of its planes (so a late or stalled run never reads a
/// frame that has moved on to the encoder), the answer, and then its planned regions. Reused
/// from frame to frame, except when given up on while a worker may still hold it.
/// </summary>
internal sealed class DetectionJob : IDisposable
{
    private const int Queued = 0, Running = 1, Finished = 2, Abandoned = 3, Discarded = 4;
    private int _state;
    private readonly ManualResetEventSlim _done = new(false);
    private NativeFrameBuffer? _copy;

    public long Sequence { get; private set; }
    public TimeSpan Time { get; private set; }

    /// <summary>When the frame's packet arrived (Stopwatch ticks).</summary>
    public long Arrival { get; private set; }
    public int Width { get; private set; }
    public int Height { get; private set; }
    public ModelFamilies Ran { get; set; }
    public Exception? Error { get; set; }
    public List<Detection> Detections { get; } = new();
    public List<RedactionRegion> Regions { get; } = new();
    public List<ObjectClass> RegionClasses { get; } = new();

    /// <summary>How many of <see cref="Regions"/>, from the first, are this frame's detections (the rest are tracks' boxes).</summary>
    public int DetectedRegions { get; set; }

    /// <summary>The policy the frame is detected and redacted under, taken as it arrived.</summary>
    public FramePolicy? Policy { get; set; }

    /// <summary>Where the detectors look on this frame, when the stream's cadence looks at changes; null otherwise.</summary>
    public LookPlan? Plan => _planned ? _plan : null;

    private readonly LookPlan _plan = new();
    private bool _planned;

    /// <summary>The plan to fill for this frame (the job then carries it to its worker).</summary>
    public LookPlan PlanToFill()
    {
        _planned = true;
        return _plan;
    }

    /// <summary>The job holds no frame copy and waits for no worker (inline detection, or failed before it started).</summary>
    public bool Inline { get; private set; }

    public YuvPlanes Planes => _copy!.Planes;

    public bool IsDone => Inline || _done.IsSet;

    /// <summary>Queued or running, not given up on.</summary>
    public bool InProgress => !IsDone && Volatile.Read(ref _state) is Queued or Running;

    /// <summary>True once a job given up on is out of every worker's hands (the detector is free again).</summary>
    public bool Gone => Volatile.Read(ref _state) == Discarded;

    public void Reset(VideoFrame frame, bool copy)
    {
        Sequence = frame.Sequence;
        Time = frame.Time;
        Arrival = frame.ArrivalTimestamp;
        Width = frame.Width;
        Height = frame.Height;
        Inline = !copy;
        Error = null;
        Ran = ModelFamilies.None;
        Detections.Clear();
        Regions.Clear();
        RegionClasses.Clear();
        DetectedRegions = 0;
        _planned = false;
        _done.Reset();
        _state = Queued;
        if (copy) CopyPlanes(frame);
    }

    /// <summary>A worker claims the job; false when it was given up on while queued.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Running, Queued) == Queued;

    /// <summary>The worker is done; false when the job was given up on meanwhile.</summary>
    public bool TryFinish()
    {
        if (Interlocked.CompareExchange(ref _state, Finished, Running) != Running) return false;
        _done.Set();
        return true;
    }

    /// <summary>Waits up to <paramref name="wait"/> for the answer; true once it is in.</summary>
    public bool Wait(TimeSpan wait) => IsDone || _done.Wait(wait < TimeSpan.Zero ? TimeSpan.Zero : wait);

    /// <summary>Gives up on the job; false when it finished just now after all.</summary>
    public bool GiveUp()
    {
        if (Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued) return true;
        return Interlocked.CompareExchange(ref _state, Abandoned, Running) != Finished;
    }

    /// <summary>The worker lets go of a job given up on: its copy is freed, and it is never reused.</summary>
    public void Discard()
    {
        _copy?.Dispose();
        _copy = null;
        Volatile.Write(ref _state, Discarded);
    }

    private void CopyPlanes(VideoFrame frame)
    {
        if (_copy is null || _copy.Width != frame.Width || _copy.Height != frame.Height)
        {
            _copy?.Dispose();
            _copy = new NativeFrameBuffer(frame.Width, frame.Height);
        }
        frame.Planes.CopyTo(_copy.Planes);
    }

    public void Dispose()
    {
        _copy?.Dispose();
        _done.Dispose();
    }
}
