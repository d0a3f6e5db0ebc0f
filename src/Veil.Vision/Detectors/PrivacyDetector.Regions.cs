using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.Vision.Regions;

namespace Veil.Vision.Detectors;

/// <summary>
/// Looking where things change: the plan's regions are cut from the full-resolution frame and
/// packed side by side on canvases, so one inference of a model reads many of them; faces and
/// text (plates) alike. A plate is then found wherever something moves, boxed vehicle or not, at
/// the size it has in the frame rather than shrunk with the whole picture. Each model reads at
/// most its budget of pixels a frame: when much of the picture moves, the regions are read
/// shrunk to fit it (never below the whole-frame pass's scale they replace), so a busy scene
/// costs what the fixed schedule cost rather than a native pass over everything.
/// </summary>
public sealed partial class PrivacyDetector
{
    // Canvases of about a quarter of a 720p frame: large enough to hold most regions whole, small
    // enough that a frame with little change pays for little padding.
    private const int CanvasWidth = 704, CanvasHeight = 448; // a net tile (672x392) and its gaps

    private readonly CanvasPacker _packer = new();
    private readonly List<PackedCanvas> _canvases = new();
    private readonly List<PixelRect> _tile = new(1);

    /// <summary>
    /// Faces on a frame that is not a cut: the smallest scale's whole-frame pass (close-ups, which
    /// outgrow a region's canvas), the regions within the face budget, the safety net's tile.
    /// </summary>
    private void DetectFacesInRegions(YuvPlanes planes, PixelRect frame, LookPlan plan)
    {
        int smallest = int.MaxValue;
        for (int s = 0; s < _options.FaceScales.Count; s++) smallest = Math.Min(smallest, _options.FaceScales[s]);
        int frameSide = Math.Max(planes.Width, planes.Height);
        if (smallest < frameSide) _faces!.Detect(planes, frame, smallest, _options.FaceScore, _scratch);
        float floor = Math.Min(1f, (float)_options.MirrorFaceScale / frameSide);
        ReadRegions(planes, plan.FaceRegions, BudgetScale(plan.FaceRegions, _options.FaceRegionBudget, floor), faces: true);
        ReadTile(planes, plan.FaceTile, faces: true);
    }

    /// <summary>Text in the plan's regions within the text budget and in the net's tile, into the scratch list the plate step reads.</summary>
    private void DetectTextInRegions(YuvPlanes planes, PixelRect frame, LookPlan plan)
    {
        float floor = 0.5f * PlateFrameScale(frame);
        ReadRegions(planes, plan.TextRegions, BudgetScale(plan.TextRegions, _options.TextRegionBudget, floor), faces: false);
        ReadTile(planes, plan.TextTile, faces: false);
    }

    private void ReadTile(YuvPlanes planes, PixelRect tile, bool faces)
    {
        if (tile.IsEmpty) return;
        _tile.Clear();
        _tile.Add(tile);
        ReadRegions(planes, _tile, 1f, faces);
    }

    private void ReadRegions(YuvPlanes planes, List<PixelRect> regions, float scale, bool faces)
    {
        if (regions.Count == 0) return;
        _packer.Pack(regions, scale, CanvasWidth, CanvasHeight, _canvases);
        foreach (var canvas in _canvases)
        {
            long t = System.Diagnostics.Stopwatch.GetTimestamp();
            if (faces) _faces!.Detect(planes, canvas, _options.FaceScore, _scratch);
            else _text!.Detect(planes, canvas, _scratch);
            if (DebugLook.On) Console.Error.WriteLine($"  {(faces ? "face" : "text")} canvas {canvas.Width}x{canvas.Height} scale {scale:0.00} n {canvas.Placements.Count} {System.Diagnostics.Stopwatch.GetElapsedTime(t).TotalMilliseconds:0} ms");
        }
    }

    /// <summary>Native resolution when the regions fit the budget; otherwise shrunk to fit it, but never below <paramref name="floor"/>.</summary>
    private static float BudgetScale(List<PixelRect> regions, int budget, float floor)
    {
        long area = 0;
        foreach (var r in regions) area += r.Area;
        if (area <= budget) return 1f;
        return Math.Max(floor, MathF.Sqrt((float)budget / area));
    }
}
