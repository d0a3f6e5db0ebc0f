using Veil.Core.Detections;
using Veil.Core.Geometry;
using Veil.Vision.Detectors;
using Veil.Vision.Planning;
using Veil.Vision.Tracking;

namespace Veil.Vision.Eval;

/// <summary>
/// The flicker figure for clips without labels. A reference tracker links every detection, down
/// to a low score, into objects; each object is assumed present from its first to its last
/// detection (box interpolated between detections); an object counts when at least one of its
/// detections reached the redaction threshold (one never found that well is a recall question,
/// measured on labelled sets, not flicker). Redaction policies are then replayed over
/// the same recorded detections, so they differ only in policy: raw detections per frame,
/// trackers (under a model cadence), trackers plus look-ahead (boxes of a track born at t applied
/// to the frames up to a delay before t).
/// </summary>
public static class FlickerEvaluator
{
    private const double Cover = 0.7;

    /// <param name="faceBelow">Share of a face box's height its redaction box reaches further down, as anonymize's on video (<see cref="DetectorOptions.FaceBelow"/>).</param>
    public static FlickerResult Measure(string config, IReadOnlyList<FrameDetections> frames, IReadOnlySet<ObjectClass> classes,
        float redactScore, DetectionCadence cadence, bool tracking, TimeSpan lookAhead, float faceBelow = 0f)
    {
        var reference = ReferenceObjects(frames, classes, redactScore);
        var redacted = Replay(frames, classes, redactScore, cadence, tracking, lookAhead, faceBelow);
        long life = 0, missed = 0;
        foreach (var obj in reference)
        {
            for (int f = obj.First; f <= obj.Last; f++)
            {
                life++;
                if (CoveredShare(obj.BoxAt(f), redacted[f]) < Cover) missed++;
            }
        }
        return new FlickerResult(config, reference.Count, life, missed);
    }

    private sealed class ReferenceObject
    {
        public readonly SortedDictionary<int, BoxF> Seen = new();
        public float BestScore;
        public int First => Seen.Keys.First();
        public int Last => Seen.Keys.Last();

        public BoxF BoxAt(int frame)
        {
            if (Seen.TryGetValue(frame, out var b)) return b;
            int before = Seen.Keys.Last(k => k < frame), after = Seen.Keys.First(k => k > frame);
            float t = (float)(frame - before) / (after - before);
            BoxF a = Seen[before], c = Seen[after];
            return new BoxF(a.X + (c.X - a.X) * t, a.Y + (c.Y - a.Y) * t, a.W + (c.W - a.W) * t, a.H + (c.H - a.H) * t);
        }
    }

    private static List<ReferenceObject> ReferenceObjects(IReadOnlyList<FrameDetections> frames, IReadOnlySet<ObjectClass> classes, float redactScore)
    {
        var tracker = new ByteTracker(new TrackerOptions { NewTrackScore = 0.05f, HighScore = 0.05f, LowScore = 0.01f, KeepRedacted = TimeSpan.FromSeconds(1), MaxLost = TimeSpan.FromSeconds(1) });
        var objects = new Dictionary<int, ReferenceObject>();
        var input = new List<Detection>();
        for (int f = 0; f < frames.Count; f++)
        {
            input.Clear();
            foreach (var d in frames[f].Detections)
                if (Redacts(d.Class, classes) && d.Class != ObjectClass.Head) input.Add(d);
            foreach (var track in tracker.Update(input, frames[f].Time))
            {
                if (track.LastSeen != frames[f].Time) continue; // matched on this frame
                if (!objects.TryGetValue(track.Id, out var obj)) objects[track.Id] = obj = new ReferenceObject();
                obj.Seen[f] = track.LastDetectedBox;
                obj.BestScore = Math.Max(obj.BestScore, track.Score);
            }
        }
        return objects.Values.Where(o => o.Seen.Count >= 2 && o.BestScore >= redactScore).ToList();
    }

    private static List<PixelRect>[] Replay(IReadOnlyList<FrameDetections> frames, IReadOnlySet<ObjectClass> classes,
        float redactScore, DetectionCadence cadence, bool tracking, TimeSpan lookAhead, float faceBelow)
    {
        var result = new List<PixelRect>[frames.Count];
        var tracks = tracking ? new TrackSet() : null;
        var births = new List<(TimeSpan Time, Detection Box)>();
        var seenIds = new HashSet<int>();
        var raw = new List<Detection>();
        var carried = new List<Detection>();
        var regions = new List<RedactionRegion>();
        for (int f = 0; f < frames.Count; f++)
        {
            var frame = frames[f];
            var ran = Ran(cadence, f);
            raw.Clear();
            foreach (var d in frame.Detections)
                if (d.Score >= (d.Class == ObjectClass.Face ? redactScore : 0) && (TrackSet.FamilyOf(d.Class) & ran) != 0) raw.Add(d);
            regions.Clear();
            RedactionPlanner.Plan(raw, classes, frame.Width, frame.Height, regions, faceBelow: faceBelow);
            if (tracks is not null)
            {
                carried.Clear();
                tracks.Update(ran, raw, frame.Time, carried);
                RedactionPlanner.Plan(carried, classes, frame.Width, frame.Height, regions, faceBelow: faceBelow);
            }
            result[f] = regions.Select(r => r.Bounds).ToList();
            if (lookAhead > TimeSpan.Zero) births.AddRange(raw.Where(d => d.Score >= 0.5f).Select(d => (frame.Time, d)));
        }
        if (lookAhead > TimeSpan.Zero)
        {
            // A held frame is redacted with every confident detection that arrives within the delay.
            int first = 0;
            for (int f = 0; f < frames.Count; f++)
            {
                var now = frames[f].Time;
                while (first < births.Count && births[first].Time <= now) first++;
                for (int i = first; i < births.Count && births[i].Time - now <= lookAhead; i++)
                {
                    var d = births[i].Box;
                    if (RedactionPlanner.Redacted(d, classes, faceBelow: faceBelow) is { } box) result[f].Add(box.ToPixelRect(frames[f].Width, frames[f].Height));
                }
            }
        }
        return result;
    }

    private static ModelFamilies Ran(DetectionCadence c, long f)
    {
        var ran = ModelFamilies.None;
        if (c.FacesDue(f)) ran |= ModelFamilies.Faces;
        if (c.ObjectsDue(f)) ran |= ModelFamilies.Objects;
        if (c.PlateCropsDue(f) || c.PlateFrameDue(f)) ran |= ModelFamilies.Plates;
        return ran;
    }

    private static bool Redacts(ObjectClass c, IReadOnlySet<ObjectClass> classes) => c switch
    {
        ObjectClass.Face or ObjectClass.Head => classes.Contains(ObjectClass.Face),
        ObjectClass.Plate => classes.Contains(ObjectClass.Plate),
        ObjectClass.Person or ObjectClass.Rider => classes.Contains(ObjectClass.Person),
        _ => false,
    };

    private static double CoveredShare(BoxF box, List<PixelRect> redacted)
    {
        int x0 = (int)Math.Floor(box.X), y0 = (int)Math.Floor(box.Y), x1 = (int)Math.Ceiling(box.Right), y1 = (int)Math.Ceiling(box.Bottom);
        if (x1 <= x0 || y1 <= y0) return 1;
        long covered = 0, total = (long)(x1 - x0) * (y1 - y0);
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
                foreach (var r in redacted)
                    if (x >= r.X && x < r.Right && y >= r.Y && y < r.Bottom) { covered++; break; }
        return (double)covered / total;
    }
}
