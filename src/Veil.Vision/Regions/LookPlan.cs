using Veil.Core.Geometry;
using Veil.Vision.Changes;

namespace Veil.Vision.Regions;

/// <summary>
/// What the detectors look at on one frame besides the whole-frame passes their cadence runs: the
/// regions where the picture changed or a track is expected (read at native resolution, within
/// each model's budget), and the safety net's tiles. <see cref="Full"/> (a stream's first frame,
/// a scene cut, a pan, an exposure jump) runs every model on the whole frame instead.
/// </summary>
public sealed class LookPlan
{
    public bool Full { get; set; }

    /// <summary>The frame is larger than the change regions pay for (see <see cref="LookPlanner.LargestArea"/>): the cadence's fixed schedule runs instead.</summary>
    public bool Fixed { get; set; }

    /// <summary>Where the picture changed and where face tracks are expected: read by the face model.</summary>
    public List<PixelRect> FaceRegions { get; } = new();

    /// <summary>The detailed part of what changed and where larger plates' tracks are expected: read by the text model, within its budget.</summary>
    public List<PixelRect> TextRegions { get; } = new();

    /// <summary>
    /// Where live plate tracks of small plates are expected (grown by their uncertainty): read
    /// before the change regions, never shrunk to fit the text budget, so a plate found once is
    /// found again as it moves off and shrinks, however much else moves. Larger plates' tracks are
    /// in <see cref="TextRegions"/>.
    /// </summary>
    public List<PixelRect> PlateTrackRegions { get; } = new();

    /// <summary>
    /// Where live tracks of small faces are expected, and something changed: also held in
    /// <see cref="FaceRegions"/>, and read again apart, enlarged, when those were read shrunk (a
    /// small face riding on a walking person merges into the person's large region).
    /// </summary>
    public List<PixelRect> FaceTrackRegions { get; } = new();

    /// <summary>Detailed parts of a change that <see cref="TextRegions"/> carried along a line beyond themselves, as they were.</summary>
    public List<PixelRect> TextParts { get; } = new();

    /// <summary>The safety net's tile for each model on this frame; empty on frames between tiles.</summary>
    public PixelRect FaceTile { get; set; }
    public PixelRect TextTile { get; set; }

    /// <summary>The blocks that changed from the frame before: tracking holds a track still where none did. Empty on a full or fixed frame.</summary>
    public ChangeGrid Changes { get; } = new();

    public void Clear()
    {
        Full = false;
        Fixed = false;
        FaceRegions.Clear();
        TextRegions.Clear();
        PlateTrackRegions.Clear();
        FaceTrackRegions.Clear();
        TextParts.Clear();
        FaceTile = default;
        TextTile = default;
        Changes.Clear();
    }

    /// <summary>The share of the frame the regions of one model cover, for logs and stats.</summary>
    public static float Coverage(List<PixelRect> regions, int width, int height)
    {
        long area = 0;
        foreach (var r in regions) area += r.Area;
        return (float)area / ((long)width * height);
    }
}
