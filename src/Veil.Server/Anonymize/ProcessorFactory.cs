using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.Core.Pipeline;
using Veil.Server.VisionSetup;
using Veil.Vision.Masks;
using Veil.Vision.Pipeline;
using Veil.Vision.Regions;
using Veil.Vision.Redaction;
using Veil.Vision.Tracking;

using Veil.Server.Violations;

namespace Veil.Server.Anonymize;

/// <summary>
/// Builds the redaction stage of a run: static masks only, or detection plus masks, with an
/// optional --boxes-out writer (one JSON line per frame). Owns what it built.
/// </summary>
internal sealed class ProcessorFactory : IDisposable
{
    private readonly StaticMaskProcessor _masks;
    private readonly KeepZones _keep;
    private readonly DetectionSetup? _detection;
    private readonly DetectionProcessor? _detector;
    private readonly FailClosedProcessor? _gate;
    private readonly StreamWriter? _boxes;
    private readonly AnonymizeSettings _settings;
    private readonly bool _ownsDetection;

    private readonly ViolationExtractor? _violations;
    private readonly ViolationStage? _violationStage;

    private ProcessorFactory(AnonymizeSettings settings, StaticMaskProcessor masks, DetectionSetup? detection, StreamWriter? boxes, bool ownsDetection, ILogger log, EventReporter? events)
    {
        if (events is not null && settings.Camera is { } camera && detection is not null)
        {
            _violations = new ViolationExtractor(CameraSite.Read(camera, camera.Name), events, DateTimeOffset.UtcNow);
            // A live stream (a URL in or out, --realtime) must not wait for the rules; a file job may, and then misses no event.
            bool live = settings.Realtime ?? (settings.Input.Contains("://") || settings.Outputs.Any(o => o.Contains("://")));
            _violationStage = new ViolationStage(_violations.Observe, log, live);
        }
        _settings = settings;
        _masks = masks;
        _keep = new KeepZones(settings.Camera?.Keep ?? []);
        _detection = detection;
        _boxes = boxes;
        _ownsDetection = ownsDetection;
        // The loaded models' options with this run's cadence: a server's streams may each have their own.
        var options = detection is null ? null : detection.Options with { Cadence = settings.Detector.Cadence };
        if (detection is not null)
            _detector = new DetectionProcessor(timings => detection.CreateDetector(options!, timings), new DetectionSchedule(settings.DetectionWorkers, settings.DetectorTimeout, settings.LookAhead),
                settings.Classes, settings.Redaction, masks, settings.ClassStyles, settings.Tracking ? new TrackSet() : null)
            {
                Observer = boxes is null && _violations is null ? null : Observe,
                Planner = options!.Cadence.ComparesFrames ? new LookPlanner(options.Cadence.SafetyNet) : null,
                KeepZones = _keep.Count > 0 ? _keep : null,
                FaceBelow = options.FaceBelow,
            };
        if (_detector is not null)
            _gate = new FailClosedProcessor(_detector, log) { DropFailedFrames = settings.DropFailedFrames };
    }

    public IFrameProcessor Processor => _gate is not null ? _gate : _masks;

    /// <summary>Frames obscured whole (or dropped, with DropFailedFrames) because detection failed on them.</summary>
    public long ObscuredFrames => _gate?.ObscuredFrames ?? 0;

    public bool DropsFailedFrames => _settings.DropFailedFrames;

    /// <summary>Whether this run detects (it started with classes to redact): only then can its classes change while it runs.</summary>
    public bool HasDetection => _detector is not null;

    /// <summary>The first frame under the policy last applied (-1 before a frame took it, or without detection).</summary>
    public long PolicyAppliedFrom => _detector?.PolicyAppliedFrom ?? -1;

    /// <summary>A running stream's new policy: applies from the next frame to arrive (see <see cref="DetectionProcessor.Policy"/>).</summary>
    public void ApplyPolicy(IReadOnlySet<ObjectClass> classes, RedactionStyle style, IReadOnlyDictionary<ObjectClass, RedactionStyle> classStyles, bool dropFailedFrames)
    {
        if (_detector is null) throw new InvalidOperationException("a run without detection takes no policy while it runs");
        _detector.Policy = new FramePolicy(classes, _settings.Redaction with { Style = style }, classStyles);
        _gate!.DropFailedFrames = dropFailedFrames;
    }

    /// <summary>Mean inference milliseconds per run, runs and input pixels read, by model (empty without detection).</summary>
    public IReadOnlyDictionary<string, (double Ms, long Runs, long Pixels)> ModelTimes
    {
        get
        {
            if (_detector is null) return new Dictionary<string, (double, long, long)>();
            var runs = _detector.Timings.Runs();
            var pixels = _detector.Timings.Pixels();
            return _detector.Timings.MeanMilliseconds().ToDictionary(kv => kv.Key, kv => (kv.Value, runs[kv.Key], pixels[kv.Key]));
        }
    }

    /// <summary>The models <paramref name="settings"/>' classes need (null when nothing is detected), loaded for one run or shared by many.</summary>
    public static DetectionSetup? LoadModels(AnonymizeSettings settings) => settings.Classes.Count > 0
        ? DetectionSetup.Load(settings.Detector with { Classes = settings.Classes }, settings.Device, settings.Precision, settings.DetectionWorkers)
        : null;

    /// <param name="shared">Models already loaded (the server shares one set between its streams); null loads them for this run.</param>
    /// <param name="log">Where detection failing and recovering and the violation rules' trouble are told (none by default); the CLI prints them, the server logs them with the stream's name.</param>
    /// <param name="events">Where violation events go, when the camera file draws zones or calibration (null: no violation rules).</param>
    public static ProcessorFactory Create(AnonymizeSettings settings, DetectionSetup? shared = null, ILogger? log = null, EventReporter? events = null)
    {
        var masks = new StaticMaskProcessor(settings.Masks, settings.Redaction);
        DetectionSetup? detection = shared;
        StreamWriter? boxes = null;
        try
        {
            detection ??= LoadModels(settings);
            if (settings.BoxesOut is { } path) boxes = new StreamWriter(path);
            return new ProcessorFactory(settings, masks, settings.Classes.Count > 0 ? detection : null, boxes, ownsDetection: shared is null, log ?? NullLogger.Instance, events);
        }
        catch
        {
            masks.Dispose();
            if (shared is null) detection?.Dispose();
            boxes?.Dispose();
            throw;
        }
    }

    /// <summary>Resolves the masks and keep zones for the frame size: one outside the frame (or a keep zone too large) fails here, at start.</summary>
    public void Validate(int width, int height)
    {
        _masks.RegionsFor(width, height);
        _keep.RegionsFor(width, height);
    }

    /// <summary>The camera file's keep zones (text there is not redacted).</summary>
    public IReadOnlyList<KeepZone> KeepZones => _keep.Zones;

    public string Describe() => (_settings.Classes.Count > 0 ? $"redacted {string.Join(",", _settings.Classes.Select(c => c.Name()))}" : "no detection")
        + $", {_settings.Masks.Count} mask(s), {_keep.Count} keep zone(s)" + (Precisions is { } p ? $", models {p}" : "");

    /// <summary>"face int8, person fp32, text int8": which file of each model runs; null without detection.</summary>
    public string? Precisions => _detector is null ? null : _detection?.Precisions;

    /// <summary>Which violation rules run on this camera, and why the others do not (empty without violations).</summary>
    public IReadOnlyList<Veil.Violations.Rules.RuleStatus> RuleStatuses => _violations?.Statuses ?? [];

    private void Observe(VideoFrame frame, IReadOnlyList<Detection> detections, IReadOnlyList<RedactionRegion> regions)
    {
        if (_boxes is not null) WriteBoxes(frame, detections, regions);
        _violationStage?.Offer(frame, detections); // a copy: the rules run on their own stage
    }

    private void WriteBoxes(VideoFrame frame, IReadOnlyList<Detection> detections, IReadOnlyList<RedactionRegion> regions)
    {
        _boxes!.WriteLine(JsonSerializer.Serialize(new
        {
            image = ImageKey ?? $"frame{frame.Sequence:D6}",
            frame = frame.Sequence,
            width = frame.Width,
            height = frame.Height,
            boxes = regions.Select(r => new { x = r.Bounds.X, y = r.Bounds.Y, w = r.Bounds.Width, h = r.Bounds.Height, @class = r.Label }),
            detections = detections.Select(d => new
            {
                x = MathF.Round(d.Box.X, 1), y = MathF.Round(d.Box.Y, 1), w = MathF.Round(d.Box.W, 1), h = MathF.Round(d.Box.H, 1),
                @class = d.Class.Name(), score = MathF.Round(d.Score, 3),
            }),
        }));
    }

    /// <summary>For a still image, the name its --boxes-out line carries.</summary>
    public string? ImageKey { get; set; }

    public void Dispose()
    {
        _gate?.Dispose();
        _detector?.Dispose();
        _violationStage?.Dispose(); // after the last frame: its events are reported before the run ends
        if (_ownsDetection) _detection?.Dispose();
        _masks.Dispose();
        _boxes?.Dispose();
    }
}
