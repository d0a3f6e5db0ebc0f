using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.Vision.Changes;
using Veil.Vision.Tracking;

namespace Veil.Vision.Regions;

/// <summary>
/// Decides, frame by frame and in order, where one stream's detectors look: the regions where the
/// picture changed, every live track's predicted box grown by its uncertainty, and the safety
/// nets' tiles; or everything, on a stream's first frame and after a cut. Not thread-safe: called
/// by the stage that receives the frames.
/// </summary>
public sealed class LookPlanner
{
    // The text model costs about five times the face model a pixel: its net goes round half as fast.
    private const int TextNetSlower = 2;
    // A track where nothing changed is still where it was: it is read again only this often, to
    // keep it alive (tracks end 1 s after their last detection). Burned-in captions and parked
    // cars' plates would otherwise be read on every frame.
    private static readonly TimeSpan StillRefresh = TimeSpan.FromMilliseconds(400);

    private readonly ChangeMap _changes = new();
    private readonly bool _nets;

    /// <summary>
    /// Frames up to 1280x720 look where things change. Larger ones keep the fixed schedule for now:
    /// at 1080p on 2 cores the native-resolution regions and the nine net tiles cost more than the
    /// whole-frame passes they replace (a 1080p60 publisher: 273 frames of 1,800 kept against 484).
    /// </summary>
    public const long LargestArea = 1280L * 720;

    /// <param name="netFrames">Frames in which the face model's safety net reads the whole frame (0: no net, the cadence's whole-frame passes run).</param>
    public LookPlanner(int netFrames)
    {
        _nets = netFrames > 0;
        FaceNet = new SafetyNet(netFrames, minStep: 2);
        TextNet = new SafetyNet(netFrames * TextNetSlower, minStep: 4);
    }

    public SafetyNet FaceNet { get; }
    public SafetyNet TextNet { get; }

    /// <summary>Frames planned as full passes after a cut (the first frame aside).</summary>
    public long Cuts { get; private set; }

    /// <param name="faceTracks">Where live face tracks are expected on this frame (grown by their uncertainty).</param>
    /// <param name="plateTracks">Where live plate tracks are expected.</param>
    /// <param name="lookEverywhere">Every model reads the whole frame, as after a cut (a policy that now redacts a new class).</param>
    public void Plan(YuvPlanes planes, long frameIndex, IReadOnlyList<PredictedBox> faceTracks, IReadOnlyList<PredictedBox> plateTracks, LookPlan into, bool lookEverywhere = false)
    {
        into.Clear();
        if ((long)planes.Width * planes.Height > LargestArea)
        {
            into.Fixed = true;
            into.Full = lookEverywhere;
            return;
        }
        var change = _changes.Update(planes, into.FaceRegions, into.TextRegions, into.TextParts);
        if (change.Cut || lookEverywhere)
        {
            if (change.Cut && _changes.Frames > 1) Cuts++;
            into.FaceRegions.Clear();
            into.TextRegions.Clear();
            into.TextParts.Clear();
            into.Full = true;
            return;
        }
        into.Changes.CopyFrom(_changes.Latest);
        int width = planes.Width, height = planes.Height;
        AddTracks(faceTracks, width, height, into.FaceRegions);
        AddSmallFaceTracks(faceTracks, width, height, into.FaceTrackRegions);
        AddTracks(plateTracks, width, height, into.TextRegions, into.PlateTrackRegions);
        if (!_nets) return;
        into.FaceTile = FaceNet.TileFor(frameIndex, width, height);
        into.TextTile = TextNet.TileFor(frameIndex, width, height);
    }

    // A track whose box has this share of its blocks changed has moved (or something crossed it).
    private const float MovedShare = 0.1f;

    // A plate track's box (the plate, grown by its uncertainty) this high or less holds a plate
    // under about 40 px wide: read as it is, as the text model loses it shrunk. Larger plates are
    // found in the change regions read shrunk, and reading them whole cost the plate clip's text
    // model 2.3x its pixels.
    private const int SmallPlateTrackHeight = 64;

    /// <summary>
    /// Adds the tracks to read on this frame: those whose box changed, and the still ones due a
    /// refresh; small ones to <paramref name="small"/> when given.
    /// </summary>
    private void AddTracks(IReadOnlyList<PredictedBox> tracks, int width, int height, List<PixelRect> regions, List<PixelRect>? small = null)
    {
        for (int i = 0; i < tracks.Count; i++)
        {
            var r = tracks[i].Box.ToPixelRect(width, height);
            if (r.IsEmpty) continue;
            float changed = _changes.Latest.ChangedShareIn(r);
            if (changed < MovedShare && tracks[i].SinceSeen < StillRefresh) continue;
            // A small plate where nothing changed at all (a parked car's) is read in its vehicle's crop too.
            (small is not null && changed > 0 && r.Height <= SmallPlateTrackHeight ? small : regions).Add(ChangeRegions.Grow(r, width, height));
        }
        Merge(regions);
        if (small is not null) Merge(small);
    }


    // A face track's box (grown by its uncertainty) this high or less holds a face under about 50 px.
    private const int SmallFaceTrackHeight = 96;

    /// <summary>The small face tracks where any block changed, apart (they are in the face regions too).</summary>
    private void AddSmallFaceTracks(IReadOnlyList<PredictedBox> tracks, int width, int height, List<PixelRect> into)
    {
        for (int i = 0; i < tracks.Count; i++)
        {
            var r = tracks[i].Box.ToPixelRect(width, height);
            if (!r.IsEmpty && r.Height <= SmallFaceTrackHeight && _changes.Latest.ChangedShareIn(r) > 0) into.Add(ChangeRegions.Grow(r, width, height));
        }
        Merge(into);
    }

    /// <summary>Merges regions that overlap by more than half the smaller one, or whose union costs no more than both.</summary>
    private static void Merge(List<PixelRect> regions)
    {
        for (int i = 0; i < regions.Count; i++)
        for (int j = i + 1; j < regions.Count; j++)
        {
            var a = regions[i];
            var b = regions[j];
            long shared = a.Intersect(b).Area;
            if (shared * 2 < Math.Min(a.Area, b.Area) && a.Union(b).Area > a.Area + b.Area - shared) continue;
            regions[i] = a.Union(b);
            regions.RemoveAt(j);
            j = i;
        }
    }
}
