using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.Core.Pipeline;
using Veil.Vision.Detectors;
using Veil.Vision.Planning;
using Veil.Vision.Redaction;
using Veil.Vision.Tracking;

namespace Veil.Vision.Pipeline;

/// <summary>
/// The redaction stage with detection: finds faces, plates (and people when asked) in each frame,
/// redacts them in place with their class's margin and style, then applies the camera's static
/// masks. An optional observer sees each frame's redacted boxes (for --boxes-out).
/// </summary>
public sealed class DetectionProcessor : ILookAheadProcessor, IDisposable
{
    private readonly PrivacyDetector _detector;
    private readonly IReadOnlySet<ObjectClass> _classes;
    private readonly PlaneRedactor _redactor;
    private readonly StaticMaskProcessor? _masks;
    private readonly List<Detection> _detections = new();
    private readonly List<RedactionRegion> _regions = new();
    private readonly List<ObjectClass> _regionClasses = new();
    private readonly Dictionary<ObjectClass, RedactionOptions> _styles = new();
    private readonly TrackSet? _tracks;
    private readonly List<Detection> _carried = new();
    private readonly Queue<(TimeSpan Time, RedactionRegion Region, ObjectClass Class)> _confident = new();

    private DetectionWorker? _worker;

    /// <summary>
    /// The longest a frame waits for its detection; later, it is obscured (fail closed). Zero runs
    /// the detector inline with no deadline.
    /// </summary>
    public TimeSpan DetectorTimeout
    {
        get => _timeout;
        init
        {
            _timeout = value;
            if (value > TimeSpan.Zero) _worker = new DetectionWorker(_detector);
        }
    }

    private readonly TimeSpan _timeout;

    /// <summary>Confident detections reach back over held frames by this much (0: no look-ahead).</summary>
    public TimeSpan Delay { get; init; }

    // A detection this sure starts a track; the frames before it likely held the object already.
    private const float ConfidentScore = 0.5f;

    /// <param name="tracks">Trackers that carry boxes across missed and skipped frames; null redacts raw detections only.</param>
    /// <param name="classStyles">Overrides <paramref name="style"/> for some classes (say, fill for plates).</param>
    public DetectionProcessor(PrivacyDetector detector, IReadOnlySet<ObjectClass> classes, RedactionOptions style, StaticMaskProcessor? masks,
        IReadOnlyDictionary<ObjectClass, RedactionStyle>? classStyles = null, TrackSet? tracks = null)
    {
        _tracks = tracks;
        _detector = detector;
        _classes = classes;
        var noMargin = style with { MarginFraction = 0, MarginPixels = 0 }; // margins are the planner's
        _redactor = new PlaneRedactor(noMargin);
        foreach (var c in Enum.GetValues<ObjectClass>())
            _styles[c] = classStyles is not null && classStyles.TryGetValue(c, out var s) ? noMargin with { Style = s } : noMargin;
        if (classStyles?.TryGetValue(ObjectClass.Face, out var faceStyle) == true) _styles[ObjectClass.Head] = noMargin with { Style = faceStyle };
        if (classStyles?.TryGetValue(ObjectClass.Person, out var personStyle) == true) _styles[ObjectClass.Rider] = noMargin with { Style = personStyle };
        _masks = masks;
    }

    /// <summary>Called after each frame with its detections and the regions redacted.</summary>
    public Action<VideoFrame, IReadOnlyList<Detection>, IReadOnlyList<RedactionRegion>>? Observer { get; init; }

    public ModelTimings Timings => _detector.Timings;

    public void Process(VideoFrame frame)
    {
        var planes = frame.Planes;
        _detections.Clear();
        _regions.Clear();
        _regionClasses.Clear();
        var ran = _worker is not null
            ? _worker.Detect(frame, _timeout, _detections)
            : _detector.Detect(planes, frame.Sequence, _detections);
        RedactionPlanner.Plan(_detections, _classes, frame.Width, frame.Height, _regions, _regionClasses);
        if (_tracks is not null)
        {
            _carried.Clear();
            _tracks.Update(ran, _detections, frame.Time, _carried);
            RedactionPlanner.Plan(_carried, _classes, frame.Width, frame.Height, _regions, _regionClasses);
        }
        for (int i = 0; i < _regions.Count; i++) _redactor.Redact(planes, _regions[i], _styles[_regionClasses[i]]);
        _masks?.Process(frame);
        Observer?.Invoke(frame, _detections, _regions);
        if (Delay > TimeSpan.Zero) RememberConfident(frame);
    }

    /// <summary>Redacts a held frame with the confident detections of the frames that came after it.</summary>
    public void Complete(VideoFrame frame)
    {
        while (_confident.Count > 0 && _confident.Peek().Time <= frame.Time) _confident.Dequeue();
        var planes = frame.Planes;
        foreach (var (time, region, cls) in _confident)
        {
            if (time - frame.Time > Delay) break;
            _redactor.Redact(planes, region, _styles[cls]);
        }
    }

    private void RememberConfident(VideoFrame frame)
    {
        foreach (var d in _detections)
        {
            if (d.Score < ConfidentScore || RedactionPlanner.Redacted(d, _classes) is not { } box) continue;
            var rect = box.ToPixelRect(frame.Width, frame.Height);
            if (!rect.IsEmpty) _confident.Enqueue((frame.Time, RedactionRegion.Rectangle(rect, d.Class.Name()), d.Class));
        }
    }

    public void Dispose()
    {
        _redactor.Dispose();
        if (_worker is not null) _worker.Dispose(); // it owns the detector then
        else _detector.Dispose();
    }
}
