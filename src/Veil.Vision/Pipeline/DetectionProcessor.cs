using System.Diagnostics;
using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.Core.Pipeline;
using Veil.Vision.Detectors;
using Veil.Vision.Masks;
using Veil.Vision.Planning;
using Veil.Vision.Redaction;
using Veil.Vision.Regions;
using Veil.Vision.Tracking;

namespace Veil.Vision.Pipeline;

/// <summary>
/// The redaction stage with detection. <see cref="Process"/> hands each arriving frame to a
/// detection worker and returns at once; while the stage holds frames for the look-ahead, the
/// workers detect on the newest ones side by side. <see cref="Complete"/> then collects answers in
/// frame order (the trackers see every frame in order), and redacts the frame in place with its
/// own and its tracks' boxes, the confident boxes of the held frames after it, and the static
/// masks. A frame whose detection failed or came too late throws there, so the fail-closed gate
/// obscures it. An optional observer sees each frame's boxes (for --boxes-out).
/// </summary>
public sealed class DetectionProcessor : ILookAheadProcessor, IDisposable
{
    private readonly PrivacyDetector? _inline;
    private readonly DetectionPool? _pool;
    private readonly TimeSpan _timeout;
    private readonly PlaneRedactor _redactor;
    private readonly StaticMaskProcessor? _masks;
    private volatile FramePolicy _policy;
    private FramePolicy? _lastTaken;
    private readonly TrackSet? _tracks;
    private readonly List<Detection> _carried = new();
    private readonly List<(PixelRect Bounds, RedactionOptions Style)> _redacted = new();
    private readonly List<RedactionRegion> _applied = new();
    private readonly Queue<(TimeSpan Time, RedactionRegion Region, ObjectClass Class, (float X, float Y) Velocity)> _confident = new();
    private readonly List<DetectionJob> _pending = new();
    private readonly Stack<DetectionJob> _spare = new();
    private DetectionJob? _stalled;
    private int _tracked;
    private (int W, int H) _warmedSize;

    // A detection this sure starts a track; the frames before it likely held the object already.
    private const float ConfidentScore = 0.5f;

    /// <param name="createDetector">Makes one detector (its buffers) over shared sessions, adding its inference time to the timings given.</param>
    /// <param name="schedule">Detection workers, deadline and look-ahead.</param>
    /// <param name="tracks">Trackers that carry boxes across missed and skipped frames; null redacts raw detections only.</param>
    /// <param name="classStyles">Overrides <paramref name="style"/> for some classes (say, fill for plates).</param>
    public DetectionProcessor(Func<ModelTimings, PrivacyDetector> createDetector, DetectionSchedule schedule, IReadOnlySet<ObjectClass> classes,
        RedactionOptions style, StaticMaskProcessor? masks, IReadOnlyDictionary<ObjectClass, RedactionStyle>? classStyles = null, TrackSet? tracks = null)
    {
        schedule.Validate();
        _lookAhead = schedule.LookAhead;
        Delay = schedule.LookAhead + (schedule.DetectorTimeout > TimeSpan.Zero ? schedule.Slack : TimeSpan.Zero);
        _timeout = schedule.DetectorTimeout;
        if (_timeout > TimeSpan.Zero) _pool = new DetectionPool(schedule.Workers, () => createDetector(Timings));
        else _inline = createDetector(Timings);
        _tracks = tracks;
        _policy = new FramePolicy(classes, style, classStyles);
        _redactor = new PlaneRedactor(style with { MarginFraction = 0, MarginPixels = 0 }); // margins are the planner's
        _masks = masks;
    }

    /// <summary>
    /// What the frames are redacted for and how. Set from any thread: it applies from the next
    /// frame to arrive (<see cref="PolicyAppliedFrom"/>), which, when it adds a class, is read
    /// whole by every model (as after a cut) so that what stood still is found at once.
    /// </summary>
    public FramePolicy Policy
    {
        get => _policy;
        set
        {
            Interlocked.Exchange(ref _policyAppliedFrom, -1); // first: a frame that takes the new policy then says so
            _policy = value;
        }
    }

    /// <summary>The sequence number of the first frame under the current policy (-1 until a frame took it).</summary>
    public long PolicyAppliedFrom => Interlocked.Read(ref _policyAppliedFrom);
    private long _policyAppliedFrom = -1;

    /// <summary>
    /// The longest the stage holds a frame: the look-ahead, plus the slack that lets the workers
    /// detect the frames after a slow one while it waits (without slack, one slow frame stalls them).
    /// </summary>
    public TimeSpan Delay { get; }

    /// <summary>The look-ahead: a frame leaves as soon as the frames that long after it are detected.</summary>
    public TimeSpan MinDelay => _lookAhead;

    private readonly TimeSpan _lookAhead;

    /// <summary>True when this frame's answer and those of the held frames in its look-ahead are in.</summary>
    public bool IsReady(VideoFrame frame)
    {
        for (int i = _tracked; i < _pending.Count; i++)
        {
            var job = _pending[i];
            if (!InLookAhead(job, frame)) return true;
            if (!job.IsDone) return false;
        }
        return true;
    }

    /// <summary>The arrival of the oldest held frame still being detected (given-up jobs aside), 0 when none.</summary>
    public long OldestUnfinishedArrival
    {
        get
        {
            foreach (var job in _pending)
                if (job.InProgress) return job.Arrival;
            return 0;
        }
    }

    /// <summary>Share of a face box's height its redaction box reaches further down (see <see cref="DetectorOptions.FaceBelow"/>).</summary>
    public float FaceBelow { get; init; }

    /// <summary>
    /// Called as each frame completes, with its detections and every region redacted on it: its
    /// detections' and tracks', the look-ahead's from the frames after it, and recent text's
    /// (a region held whole by one redacted before it is left out, as it is not redacted again).
    /// </summary>
    public Action<VideoFrame, IReadOnlyList<Detection>, IReadOnlyList<RedactionRegion>>? Observer { get; init; }

    /// <summary>
    /// Plans where the detectors look on each frame (cadences that look at changes): set when the
    /// detectors' cadence has a safety net. Runs here, in frame order, as the change map needs.
    /// </summary>
    public LookPlanner? Planner { get; init; }

    private readonly List<PredictedBox> _faceTracks = new(), _plateTracks = new();
    private readonly TrackHistory _history = new();

    // A frame's look is planned from the tracks after the frame this many before it: tracking has
    // usually got that far when a frame arrives (two workers are a frame or two behind).
    private const int PlanLag = 3;

    /// <summary>
    /// The frame's change regions and where tracks are expected: the tracks as they stood after
    /// frame N − <see cref="PlanLag"/> (waited for when detection lags further), predicted to this
    /// frame's time. A fixed earlier frame, not whatever tracking has reached: the plan, and so
    /// the output, stay the same however many workers there are and however fast.
    /// </summary>
    private void PlanLook(VideoFrame frame, LookPlan plan, bool lookEverywhere)
    {
        long target = frame.Sequence - PlanLag;
        while (_tracked < _pending.Count - 1 && _pending[_tracked].Sequence <= target) TrackNext();
        _faceTracks.Clear();
        _plateTracks.Clear();
        if (_history.AtOrBefore(target) is { } tracked)
        {
            var since = frame.Time - tracked.Time;
            foreach (var t in tracked.Faces) _faceTracks.Add(t.At(frame.Time, since));
            foreach (var t in tracked.Plates) _plateTracks.Add(t.At(frame.Time, since));
        }
        long started = Stopwatch.GetTimestamp();
        Planner!.Plan(frame.Planes, frame.Sequence, _faceTracks, _plateTracks, plan, lookEverywhere);
        Timings.Add("changes", started);
    }

    /// <summary>A camera's keep zones: text found in them is dropped before planning, tracking and the look-ahead (null: none).</summary>
    public KeepZones? KeepZones { get; init; }

    /// <summary>Inference time per model, over every worker.</summary>
    public ModelTimings Timings { get; } = new();

    public void Process(VideoFrame frame)
    {
        if (_stalled is { Gone: true }) _stalled = null;
        var job = Rent(frame, copy: _pool is not null && _stalled is null);
        _pending.Add(job);
        bool widened = TakePolicy(job, frame.Sequence);
        if (Planner is not null) PlanLook(frame, job.PlanToFill(), widened);
        if (_inline is not null)
        {
            try { job.Ran = _inline.Detect(frame.Planes, frame.Sequence, job.Detections, job.Plan, job.Policy!.Classes); }
            catch (Exception e) when (e is not OperationCanceledException) { job.Error = e; }
            TrackNext();
        }
        else if (_stalled is not null)
        {
            // The detector has not come back from an earlier frame: this one fails now, uncopied.
            job.Error = new DetectorStalledException($"detector still stalled on frame {_stalled.Sequence} (no answer within {_timeout.TotalMilliseconds:0} ms)");
        }
        else
        {
            if ((frame.Width, frame.Height) != _warmedSize && _pool!.TryWarmUp(frame.Planes)) _warmedSize = (frame.Width, frame.Height);
            _pool!.Submit(job);
        }
    }

    /// <summary>Gives the frame the current policy; true when it redacts a class the frame before did not.</summary>
    private bool TakePolicy(DetectionJob job, long sequence)
    {
        var policy = _policy;
        job.Policy = policy;
        if (ReferenceEquals(policy, _lastTaken)) return false;
        bool widened = _lastTaken is not null && _lastTaken.IsWidenedBy(policy);
        _lastTaken = policy;
        Interlocked.Exchange(ref _policyAppliedFrom, sequence);
        return widened;
    }

    /// <summary>Warms every detection worker up at the stream's size, before the first frame arrives.</summary>
    public void Prepare(int width, int height)
    {
        if (_pool is null || (width, height) == _warmedSize) return;
        using var grey = new NativeFrameBuffer(width, height);
        grey.Planes.Fill(128);
        if (_pool.TryWarmUp(grey.Planes)) _warmedSize = (width, height);
    }

    /// <summary>Redacts <paramref name="frame"/> as it leaves the stage; throws when its detection failed.</summary>
    public void Complete(VideoFrame frame)
    {
        // This frame's answer is needed, and so are those of the held frames less than the
        // look-ahead after it: waiting for them keeps the output the same however fast the workers
        // are. The newest frame (the one that released this one) stays in flight meanwhile.
        while (_tracked < _pending.Count && (InLookAhead(_pending[_tracked], frame) || _pending[_tracked].IsDone)) TrackNext();
        while (_pending.Count > 0 && _pending[0].Sequence < frame.Sequence) Release(0); // never completed (the stage failed them)
        if (_pending.Count == 0 || _pending[0].Sequence != frame.Sequence)
            throw new InvalidOperationException($"frame {frame.Sequence} was never handed to detection");
        var pending = _pending[0];
        try
        {
            if (pending.Error is { } error) throw error;
            var planes = frame.Planes;
            _redacted.Clear();
            _applied.Clear();
            // Backwards: the tracks' grown boxes (planned last) first, so the detections inside them are skipped.
            var policy = pending.Policy!;
            for (int i = pending.Regions.Count - 1; i >= 0; i--) RedactOnce(planes, pending.Regions[i], policy.StyleFor(pending.RegionClasses[i]));
            RedactLookAhead(frame, policy);
            if (Planner is not null) RedactRecentText(frame, pending);
            _masks?.Process(frame);
            Observer?.Invoke(frame, pending.Detections, _applied);
        }
        finally
        {
            Release(0);
        }
    }

    private bool InLookAhead(DetectionJob job, VideoFrame frame) => job.Sequence <= frame.Sequence || job.Time - frame.Time < _lookAhead;

    private void TrackNext()
    {
        var job = _pending[_tracked++];
        if (job.Error is null && !job.Inline)
        {
            // While an earlier frame's detector has not come back, frames do not wait: the gate
            // trips at once for each of them until it does. Otherwise the deadline runs from the
            // workers' last progress, so a loaded machine queues frames but a hung detector fails them.
            if (_stalled is { Gone: true }) _stalled = null;
            while (!job.Wait(_stalled is null ? _timeout - _pool!.SinceProgress : TimeSpan.Zero))
            {
                if ((_stalled is null && _pool!.SinceProgress < _timeout) || !job.GiveUp()) continue;
                _stalled ??= job;
                job.Error = new DetectorStalledException(_stalled == job
                    ? $"detector gave no answer within {_timeout.TotalMilliseconds:0} ms"
                    : $"detector still stalled on frame {_stalled.Sequence} (no answer within {_timeout.TotalMilliseconds:0} ms)");
                return;
            }
        }
        if (job.Error is not null)
        {
            Fail(job, job.Error);
            return;
        }
        try { Track(job, job.Ran); }
        catch (Exception e) when (e is not OperationCanceledException) { Fail(job, e); }
    }

    private long _lastTracked = long.MinValue;

    /// <summary>Plans the frame's regions from its detections and its tracks, in frame order.</summary>
    private void Track(DetectionJob pending, ModelFamilies ran)
    {
        KeepZones?.RemoveKept(pending.Detections, pending.Width, pending.Height);
        var classes = pending.Policy!.Classes;
        RedactionPlanner.Plan(pending.Detections, classes, pending.Width, pending.Height, pending.Regions, pending.RegionClasses, faceBelow: FaceBelow);
        pending.DetectedRegions = pending.Regions.Count;
        if (_tracks is not null)
        {
            _carried.Clear();
            // The change grid is from the frame before: a frame missing in between (failed) breaks the chain.
            var changes = pending.Sequence == _lastTracked + 1 ? pending.Plan?.Changes : null;
            _tracks.Update(ran, pending.Detections, pending.Time, _carried, changes);
            if (Planner is not null) _history.Record(_tracks, pending.Sequence, pending.Time);
            KeepZones?.RemoveKept(_carried, pending.Width, pending.Height); // a plate track that drifted into a zone
            RedactionPlanner.Plan(_carried, classes, pending.Width, pending.Height, pending.Regions, pending.RegionClasses, tracked: true, faceBelow: FaceBelow);
        }
        if (_lookAhead > TimeSpan.Zero) RememberConfident(pending);
        _lastTracked = pending.Sequence;
    }

    private static void Fail(DetectionJob pending, Exception e)
    {
        pending.Error = e;
        pending.Detections.Clear();
        pending.Regions.Clear();
        pending.RegionClasses.Clear();
        pending.DetectedRegions = 0;
    }

    /// <summary>Redacts a held frame with the confident detections of the frames that came after it.</summary>
    private void RedactLookAhead(VideoFrame frame, FramePolicy policy)
    {
        while (_confident.Count > 0 && _confident.Peek().Time <= frame.Time) _confident.Dequeue();
        var planes = frame.Planes;
        foreach (var (time, region, cls, velocity) in _confident)
        {
            if (time - frame.Time >= _lookAhead) break;
            RedactOnce(planes, MovedBack(region, velocity, time - frame.Time, frame.Width, frame.Height), policy.StyleFor(cls));
        }
    }

    /// <summary>
    /// A box found later, moved back to where its object was on the held frame by its track's
    /// velocity: left where it was found, a moving object's boxes from the frames ahead made a trail
    /// in front of it and missed it behind (a plate crossing at 6 px a frame was first found 45 px
    /// wide, and the boxes of the frames before stood a plate's width ahead of it).
    /// </summary>
    internal static RedactionRegion MovedBack(RedactionRegion region, (float X, float Y) velocity, TimeSpan earlier, int width, int height)
    {
        if (velocity == default) return region;
        double s = earlier.TotalSeconds;
        var r = region.Bounds;
        var moved = new PixelRect(r.X - (int)Math.Round(velocity.X * s), r.Y - (int)Math.Round(velocity.Y * s), r.Width, r.Height).ClampTo(width, height);
        return moved.IsEmpty ? region : RedactionRegion.Rectangle(moved, region.Label);
    }

    /// <summary>
    /// Redacts a rectangle unless one redacted before on this frame, in the same style, holds it
    /// whole: its pixels are hidden already. A face is planned several times a frame (its
    /// detection, its track, its confident boxes from each held frame after it: 93 rectangles a
    /// frame on the crowd clip, 36 once held ones are skipped), and each is three OpenCV passes.
    /// </summary>
    private void RedactOnce(YuvPlanes planes, RedactionRegion region, RedactionOptions style)
    {
        if (region.Polygon is null)
        {
            var bounds = region.Bounds;
            foreach (var (done, doneStyle) in _redacted)
                if (ReferenceEquals(doneStyle, style) && done.Holds(bounds)) return;
            _redacted.Add((bounds, style));
        }
        _redactor.Redact(planes, region, style);
        _applied.Add(region);
    }

    /// <summary>
    /// Looking where things change reads text in pieces, at scales that vary with the budget: one
    /// line of text (a burned-in clock, a caption) is boxed whole on one frame and in two parts on
    /// the next, and its tracks follow the parts. Each plate box detected on a frame therefore stays
    /// redacted where it was for <see cref="TextHold"/> after. Detected, not carried: the tracks
    /// carry themselves, and a track's box held where it was, grown, smeared a trail behind every
    /// moving plate and doubled the area hidden around a clock.
    /// </summary>
    private void RedactRecentText(VideoFrame frame, DetectionJob pending)
    {
        while (_recentText.Count > 0 && frame.Time - _recentText.Peek().Time > TextHold) _recentText.Dequeue();
        var planes = frame.Planes;
        var style = pending.Policy!.StyleFor(ObjectClass.Plate);
        foreach (var (_, region) in _recentText) RedactOnce(planes, region, style);
        for (int i = 0; i < pending.DetectedRegions; i++)
            if (pending.RegionClasses[i] == ObjectClass.Plate) _recentText.Enqueue((frame.Time, pending.Regions[i]));
    }

    private static readonly TimeSpan TextHold = TimeSpan.FromMilliseconds(400);
    private readonly Queue<(TimeSpan Time, RedactionRegion Region)> _recentText = new();

    private void RememberConfident(DetectionJob pending)
    {
        foreach (var d in pending.Detections)
        {
            if (d.Score < ConfidentScore && !(d.Class == ObjectClass.Face && CutBySide(d.Box, pending.Width, pending.Height))) continue;
            if (RedactionPlanner.Redacted(d, pending.Policy!.Classes, faceBelow: FaceBelow) is not { } box) continue;
            var rect = box.ToPixelRect(pending.Width, pending.Height);
            if (!HeldAlready(rect, d.Class)) rect = ReachingInFromTheSide(rect, pending.Width, pending.Height);
            var velocity = _tracks?.VelocityOf(d, pending.Time) ?? default;
            if (!rect.IsEmpty) _confident.Enqueue((pending.Time, RedactionRegion.Rectangle(rect, d.Class.Name()), d.Class, velocity));
        }
    }

    /// <summary>
    /// A face box within a quarter of its size of the frame's side shows part of a face, and YuNet
    /// scores a part low: it counts as sure for the frames before it. A face sliding in from the left
    /// was found at 0.77 on one run and 0.32 on another whose regions were cut a little differently,
    /// and on that one it stayed readable 3 frames. Faces only: unsure text boxes along the plate
    /// clip's road markings and overlays, stretched to the sides, hid most of the picture.
    /// </summary>
    internal static bool CutBySide(BoxF b, int width, int height)
        => b.X < 0.25f * b.W || b.Right > width - 0.25f * b.W || b.Y < 0.25f * b.H || b.Bottom > height - 0.25f * b.H;

    /// <summary>Whether a confident box of this class over <paramref name="rect"/> was found on a frame still held: the object is not new.</summary>
    private bool HeldAlready(PixelRect rect, ObjectClass cls)
    {
        foreach (var (_, region, c, _) in _confident)
            if (c == cls && !region.Bounds.Intersect(rect).IsEmpty) return true;
        return false;
    }

    /// <summary>
    /// A box first seen within its own size of the frame's side is stretched to that side for the
    /// frames before it: the object was likely coming in through it, and on those frames part of
    /// it showed between the side and where it was found (a plate entering at the right edge was
    /// found once 38 px of it showed, and its first letters stayed readable on the frames before).
    /// Only first sightings: stretching the boxes of a face that stands near the side hid more of
    /// every frame for nothing.
    /// </summary>
    internal static PixelRect ReachingInFromTheSide(PixelRect r, int width, int height)
    {
        if (r.IsEmpty) return r;
        int x0 = r.X < r.Width ? 0 : r.X, x1 = width - r.Right < r.Width ? width : r.Right;
        int y0 = r.Y < r.Height ? 0 : r.Y, y1 = height - r.Bottom < r.Height ? height : r.Bottom;
        return new PixelRect(x0, y0, x1 - x0, y1 - y0);
    }

    private DetectionJob Rent(VideoFrame frame, bool copy)
    {
        var job = _spare.Count > 0 ? _spare.Pop() : new DetectionJob();
        job.Reset(frame, copy);
        return job;
    }

    private void Release(int index)
    {
        var job = _pending[index];
        _pending.RemoveAt(index);
        if (index < _tracked) _tracked--;
        if (job.IsDone) _spare.Push(job); // one given up on belongs to its worker now
    }

    public void Dispose()
    {
        _redactor.Dispose();
        _pool?.Dispose(); // it owns its detectors
        _inline?.Dispose();
        foreach (var job in _spare) job.Dispose();
        // A run stopped early leaves frames between Process and Complete: free their copies too
        // (not those given up on, which their worker still holds).
        foreach (var job in _pending) if (job.IsDone) job.Dispose();
    }
}
