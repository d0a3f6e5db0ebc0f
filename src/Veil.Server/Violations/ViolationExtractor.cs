using System.Drawing;
using OpenCvSharp;
using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Violations.Calibration;
using Veil.Violations.Events;
using Veil.Violations.Rules;
using Veil.Violations.Tracks;
using Veil.Vision.Imaging;
using Veil.Vision.Tracking;

namespace Veil.Server.Violations;

/// <summary>
/// One stream's violation side, fed a copy of every redacted frame with its detections on its own
/// stage (<see cref="ViolationStage"/>): its own tracker gives people and vehicles stable ids, the
/// rule engine turns their tracks into events, and each event leaves with a JPEG of the frame as
/// it was published and an MP4 of the seconds before it, both from redacted frames only.
/// </summary>
internal sealed class ViolationExtractor
{
    // Tracks missed by the latest detection run still count this long: objects run every second frame.
    private static readonly TimeSpan Carry = TimeSpan.FromSeconds(0.5);
    // The rules want every rider, so tracks start from weaker detections than redaction's tracker needs.
    private readonly ByteTracker _tracker = new(new TrackerOptions { HighScore = 0.3f, NewTrackScore = 0.3f });
    private readonly HashSet<int> _riders = [];

    // One rider seen as a fused rider, then as a person on a tracked bicycle, is two episodes to the
    // engine (its subject changes): an event sharing a track with one of the same kind this recently is the same one.
    private static readonly TimeSpan SameEpisode = TimeSpan.FromSeconds(10);
    private readonly List<ViolationEvent> _recent = [];
    private readonly ClipRecorder _clip = new();
    private readonly RuleEngine _engine;
    private readonly EventReporter _reporter;
    private readonly DateTimeOffset _start;
    private readonly List<Detection> _relevant = [];
    private readonly List<TrackObservation> _observations = [];

    public ViolationExtractor(CameraCalibration camera, EventReporter reporter, DateTimeOffset start)
    {
        _engine = new RuleEngine(RuleEnvironment.From(camera), StandardRules.CreateAll());
        _reporter = reporter;
        _start = start;
        Camera = camera;
    }

    public CameraCalibration Camera { get; }

    /// <summary>Which rules run on this camera and why the others cannot.</summary>
    public IReadOnlyList<RuleStatus> Statuses => _engine.Statuses;

    public void Observe(VideoFrame frame, IReadOnlyList<Detection> detections)
    {
        _clip.Keep(frame);
        _relevant.Clear();
        foreach (var d in detections)
            if (ClassOf(d.Class) != TrackClass.Other) _relevant.Add(d);
        _tracker.Update(_relevant, frame.Time);
        Forget();
        _observations.Clear();
        var time = _start + frame.Time;
        foreach (var track in _tracker.Tracks)
        {
            if (track.State is not (TrackState.Confirmed or TrackState.Lost) || frame.Time - track.LastSeen > Carry) continue;
            // A person once seen on a two-wheeler stays a rider: a small cyclist is found with the bicycle only now and then.
            if (track.Class == ObjectClass.Rider) _riders.Add(track.Id);
            var kind = _riders.Contains(track.Id) ? TrackClass.Rider : ClassOf(track.Class);
            var box = track.Box;
            _observations.Add(new TrackObservation(track.Id, kind, new RectangleF(box.X, box.Y, box.W, box.H), time, track.Score));
        }
        var events = _engine.Observe(time, _observations);
        if (events.Count == 0) return;
        _recent.RemoveAll(r => time - r.Time > SameEpisode);
        byte[]? snapshot = null, clip = null;
        foreach (var e in events)
        {
            if (_recent.Any(r => r.Kind == e.Kind && r.TrackIds.Intersect(e.TrackIds).Any())) continue;
            _recent.Add(e);
            _reporter.Report(e, snapshot ??= Snapshot(frame), clip ??= _clip.Mp4());
        }
    }

    /// <summary>Forgets the riders whose tracks are gone, so the set stays the size of the scene.</summary>
    private void Forget()
    {
        foreach (var gone in _tracker.Removed) _riders.Remove(gone.Id);
    }

    private static byte[] Snapshot(VideoFrame frame)
    {
        using var bgr = I420.ToBgr(frame.Planes);
        Cv2.ImEncode(".jpg", bgr, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 85));
        return jpeg;
    }

    private static TrackClass ClassOf(ObjectClass c) => c switch
    {
        ObjectClass.Person => TrackClass.Person,
        ObjectClass.Rider => TrackClass.Rider,
        ObjectClass.Bicycle => TrackClass.Bicycle,
        ObjectClass.Motorcycle => TrackClass.Motorcycle,
        ObjectClass.Car or ObjectClass.Bus or ObjectClass.Truck => TrackClass.Car,
        _ => TrackClass.Other,
    };
}
