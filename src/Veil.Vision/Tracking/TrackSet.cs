using Veil.Core.Detections;
using Veil.Vision.Changes;
using Veil.Vision.Detectors;

namespace Veil.Vision.Tracking;

/// <summary>
/// One tracker per detector family (faces and heads, objects, plates) of one stream: a family's
/// tracker is updated on the frames its model ran and carried by prediction on the others. Yields
/// the boxes to redact from tracks, so a face the detector missed or skipped stays redacted.
/// </summary>
public sealed class TrackSet
{
    private readonly ByteTracker _faces, _objects, _plates;
    private readonly List<Detection> _family = new();

    public TrackSet(TrackerOptions? options = null)
    {
        _faces = new ByteTracker(options);
        _objects = new ByteTracker(options);
        _plates = new ByteTracker(options);
    }

    /// <summary>Person, rider and vehicle tracks (stable ids for violation rules).</summary>
    public ByteTracker Objects => _objects;

    /// <summary>
    /// Feeds this frame's detections to the families that ran, carries the others to
    /// <paramref name="time"/>, and appends every track's redaction box to <paramref name="carried"/>.
    /// </summary>
    /// <param name="changes">
    /// The blocks that changed from the frame tracked just before this one (null or empty when not
    /// known): plate tracks whose picture has not changed since their detection are held where they
    /// were detected, rather than grown frame after frame by a motion nobody saw (a burned-in clock,
    /// a parked car). Plates only: a block's mean misses a low-contrast face sliding a pixel a frame,
    /// and held faces leaked (the moving-object clip's face entering at the left edge: 3 frames readable).
    /// </param>
    public void Update(ModelFamilies ran, IReadOnlyList<Detection> detections, TimeSpan time, List<Detection> carried, ChangeGrid? changes = null)
    {
        Step(_faces, ModelFamilies.Faces, ran, detections, time, carried, null);
        Step(_objects, ModelFamilies.Objects, ran, detections, time, carried, null);
        Step(_plates, ModelFamilies.Plates, ran, detections, time, carried, changes);
    }

    private void Step(ByteTracker tracker, ModelFamilies family, ModelFamilies ran, IReadOnlyList<Detection> detections, TimeSpan time,
        List<Detection> carried, ChangeGrid? changes)
    {
        if ((ran & family) != 0)
        {
            _family.Clear();
            for (int i = 0; i < detections.Count; i++)
                if (FamilyOf(detections[i].Class) == family) _family.Add(detections[i]);
            tracker.Update(_family, time);
        }
        else
        {
            tracker.Predict(time);
        }
        HoldStill(tracker, time, changes);
        foreach (var track in tracker.ToRedact(time))
            carried.Add(new Detection(track.RedactionBox(time), track.Class, track.Score));
    }

    /// <summary>Holds the tracks not detected on this frame whose picture has not changed since they were; the others lose that.</summary>
    private static void HoldStill(ByteTracker tracker, TimeSpan time, ChangeGrid? changes)
    {
        foreach (var track in tracker.Tracks)
        {
            if (track.LastSeen == time) continue; // detected on this very frame
            var area = track.Box.Union(track.LastDetectedBox);
            if (changes is null || changes.ChangedShareIn(area.ToPixelRect(changes.Columns * LumaGrid.Cell, changes.Rows * LumaGrid.Cell)) > 0)
                track.UnchangedSinceSeen = false;
            else if (track.UnchangedSinceSeen)
                track.HoldStill(time);
        }
    }

    /// <summary>
    /// The velocity (pixels per second) of the track <paramref name="detection"/> was matched to on
    /// the frame just tracked at <paramref name="time"/>; zero when none was (or it was just born).
    /// </summary>
    public (float X, float Y) VelocityOf(Detection detection, TimeSpan time)
    {
        var tracker = FamilyOf(detection.Class) switch
        {
            ModelFamilies.Faces => _faces,
            ModelFamilies.Objects => _objects,
            ModelFamilies.Plates => _plates,
            _ => null,
        };
        if (tracker is not null)
            foreach (var track in tracker.Tracks)
                if (track.LastSeen == time && track.LastDetectedBox == detection.Box) return track.Velocity;
        return default;
    }

    /// <summary>Every face (and head) and every plate track as it stands at <paramref name="time"/>, the frame just tracked.</summary>
    public void Snapshot(TimeSpan time, List<TrackSnapshot> faces, List<TrackSnapshot> plates)
    {
        Snapshot(_faces, time, faces);
        Snapshot(_plates, time, plates);
    }

    private static void Snapshot(ByteTracker tracker, TimeSpan time, List<TrackSnapshot> into)
    {
        foreach (var track in tracker.Tracks)
            into.Add(new TrackSnapshot(track.LookBox(time), track.Velocity.X, track.Velocity.Y, track.LastSeen));
    }

    public static ModelFamilies FamilyOf(ObjectClass c) => c switch
    {
        ObjectClass.Face or ObjectClass.Head => ModelFamilies.Faces,
        ObjectClass.Plate => ModelFamilies.Plates,
        ObjectClass.Text => ModelFamilies.None,
        _ => ModelFamilies.Objects,
    };
}
