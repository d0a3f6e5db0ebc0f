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
/// shrunk to fit it (never below a floor near the whole-frame pass's scale they replace), so a
/// busy scene costs what the fixed schedule cost rather than a native pass over everything.
/// </summary>
public sealed partial class PrivacyDetector
{
    // Canvases of about a quarter of a 720p frame: large enough to hold most regions whole, small
    // enough that a frame with little change pays for little padding.
    private const int CanvasWidth = 704, CanvasHeight = 448; // a net tile (672x392) and its gaps

    private readonly CanvasPacker _packer = new();
    private readonly List<PackedCanvas> _canvases = new();
    private readonly List<PixelRect> _tile = new(1), _textRegions = new(), _smallFaceRegions = new(), _largeFaceRegions = new(), _faceTrackRegions = new();
    private float _readScale = 1f; // the scale of the latest ReadRegions

    // A plate 30-40 px wide has characters 6-8 px tall, too few for the text model to find: a
    // small region (a small moving thing) is read up to twice as large, towards this long side.
    private const int SmallTextRegion = 192;

    // A small plate's track region is read enlarged towards this long side (at most twice): at
    // 192, as the change regions, these regions cost the plate clip's text model 36 % more pixels
    // than at 128 for about the same moving-object leaks (plate-frames over seeds 16-21: 44, 46).
    private const int SmallPlateTrackRegion = 128;


    // A change or track region this small (its long side) holds only small things, where a face is
    // 20-60 px: it is read apart from the budget, never shrunk, and enlarged up to twice towards
    // this size. YuNet scored a 37 px masked face 0.26 as it was and 0.83 at 1.5x; shrunk to the
    // budget in a busy 720p scene (0.5, the floor) it was not found at all and stayed readable
    // 34 frames (moving-object seed 18). The plate clip's face model reads a quarter more pixels.
    private const int SmallFaceRegion = 192;

    // YuNet finds a face as tall as the frame in a whole-frame pass of this long side (360 px in
    // 16:9): the fixed schedule relies on it too, running no pass under a third of the frame.
    private const int FrameTallFacesSide = 640;

    /// <summary>
    /// Faces on a frame that is not a cut: the small regions enlarged, the others within the face
    /// budget (and when those were shrunk, the small face tracks again, enlarged), the safety net's
    /// tile, and the smallest scale's whole-frame pass for close-ups, which outgrow a region's
    /// canvas; when the regions covered so much that the whole frame was read instead, at a size
    /// where a face as tall as the frame is found (a 640x360 crowd), that read holds the close-ups.
    /// </summary>
    private void DetectFacesInRegions(YuvPlanes planes, PixelRect frame, LookPlan plan)
    {
        int smallest = int.MaxValue;
        for (int s = 0; s < _options.FaceScales.Count; s++) smallest = Math.Min(smallest, _options.FaceScales[s]);
        int frameSide = Math.Max(planes.Width, planes.Height);
        long p0 = _faces!.PixelsRead;
        float floor = Math.Min(1f, (float)_options.MirrorFaceScale / frameSide);
        _smallFaceRegions.Clear();
        _largeFaceRegions.Clear();
        foreach (var r in plan.FaceRegions)
            (Math.Max(r.Width, r.Height) <= SmallFaceRegion ? _smallFaceRegions : _largeFaceRegions).Add(r);
        ReadRegions(planes, _smallFaceRegions, int.MaxValue, 1f, faces: true, enlargeSmallTo: SmallFaceRegion);
        int wholeSide = ReadRegions(planes, _largeFaceRegions, _options.FaceRegionBudget, floor, faces: true);
        if (_readScale < 1f || wholeSide is > 0 && wholeSide < frameSide) ReadSmallFaceTracks(planes, plan);
        long p1 = _faces.PixelsRead;
        if (wholeSide == 0) ReadTile(planes, plan.FaceTile, faces: true); // else the whole frame was the net's tile too
        long p2 = _faces.PixelsRead;
        bool closeUpsRead = wholeSide is > 0 and <= FrameTallFacesSide;
        if (smallest < frameSide && !closeUpsRead) _faces!.Detect(planes, frame, smallest, _options.FaceScore, _scratch);
        Timings.AddPixels("face/changes", p1 - p0);
        Timings.AddPixels("face/net", p2 - p1);
        Timings.AddPixels("face/whole", _faces.PixelsRead - p2);
    }

    /// <summary>
    /// The small face tracks' regions not read already among the small regions, enlarged: the large
    /// regions holding them were read shrunk, where a 20 px face riding on a walking person is lost
    /// (moving-object seed 18: 9 frames readable).
    /// </summary>
    private void ReadSmallFaceTracks(YuvPlanes planes, LookPlan plan)
    {
        _faceTrackRegions.Clear();
        foreach (var t in plan.FaceTrackRegions)
        {
            bool read = false;
            foreach (var r in _smallFaceRegions)
                if (r.Holds(t)) { read = true; break; }
            if (!read) _faceTrackRegions.Add(t);
        }
        ReadRegions(planes, _faceTrackRegions, int.MaxValue, 1f, faces: true, enlargeSmallTo: SmallFaceRegion);
    }

    /// <summary>Text in the plan's regions within the text budget and in the net's tile, into the scratch list the plate step reads.</summary>
    private void DetectTextInRegions(YuvPlanes planes, PixelRect frame, LookPlan plan)
    {
        float floor = PlateFrameScale(frame); // never below the whole-frame pass the regions replace
        long p0 = _text!.PixelsRead;
        // Small plates found before first, as they are or enlarged: in a busy scene the change
        // regions are read shrunk to the budget, and a 30 px plate read at 0.6 was lost while its
        // track still held it (moving-object seeds 16 and 19: 25-30 frames readable after).
        ReadRegions(planes, plan.PlateTrackRegions, int.MaxValue, 1f, faces: false, enlargeSmallTo: SmallPlateTrackRegion);
        long pt = _text.PixelsRead;
        _textRegions.Clear();
        _textRegions.AddRange(plan.TextRegions);
        // A small part carried along a line (or along foliage) is read on its own too, enlarged as
        // it is not inside the line: a plate moving past a hedge was otherwise read too small.
        foreach (var part in plan.TextParts)
            if (Math.Max(part.Width, part.Height) < SmallTextRegion) _textRegions.Add(part);
        ReadRegions(planes, _textRegions, _options.TextRegionBudget, floor, faces: false, enlargeSmallTo: SmallTextRegion);
        long p1 = _text.PixelsRead;
        ReadTile(planes, plan.TextTile, faces: false);
        Timings.AddPixels("text/tracks", pt - p0);
        Timings.AddPixels("text/changes", p1 - pt);
        Timings.AddPixels("text/net", _text.PixelsRead - p1);
    }

    /// <summary>
    /// The net's tile at native resolution. Faces read it on its own (a canvas's gaps and rounding
    /// add a fifth); text keeps the canvas, whose gap pads the frame's edge: read bare, a burned-in
    /// timestamp in the corner was missed on a frame of the overlay clip.
    /// </summary>
    private void ReadTile(YuvPlanes planes, PixelRect tile, bool faces)
    {
        if (tile.IsEmpty) return;
        if (faces)
        {
            _faces!.Detect(planes, tile, Math.Max(tile.Width, tile.Height), _options.FaceScore, _scratch);
            return;
        }
        _tile.Clear();
        _tile.Add(tile);
        ReadRegions(planes, _tile, int.MaxValue, 1f, faces: false);
    }

    /// <summary>
    /// Reads the regions packed on canvases: at native resolution when the canvases fit the budget
    /// (padding counted, as the model reads it), otherwise shrunk until they do, but never below
    /// <paramref name="floor"/>; small regions enlarged towards <paramref name="enlargeSmallTo"/> (0: none).
    /// Returns the long side the whole frame was read at instead (at the regions' scale), or 0; a
    /// read that enlarges small regions keeps its canvases, as the whole frame would lose the enlargement.
    /// </summary>
    private int ReadRegions(YuvPlanes planes, List<PixelRect> regions, int budget, float floor, bool faces, int enlargeSmallTo = 0)
    {
        _readScale = 1f;
        if (regions.Count == 0) return 0;
        // When most of a large frame changes, even the floor would read many budgets' worth: at
        // most twice the budget is read then, below the floor if need be.
        long area = 0;
        foreach (var r in regions) area += r.Area;
        floor = Math.Min(floor, MathF.Sqrt(2f * budget / Math.Max(1, area)));
        float scale = 1f;
        long read;
        for (int attempt = 0; ; attempt++)
        {
            _packer.Pack(regions, scale, CanvasWidth, CanvasHeight, _canvases, enlargeSmallTo);
            read = 0;
            foreach (var c in _canvases) read += (long)c.Width * c.Height;
            if (read <= budget || scale <= floor || attempt == 3) break;
            scale = Math.Max(floor, scale * MathF.Sqrt((float)budget / read));
        }
        _readScale = scale;
        if (faces && enlargeSmallTo == 0 && ReadWholeFrameInstead(planes, scale, read) is var side and > 0) return side;
        foreach (var canvas in _canvases)
        {
            if (faces) _faces!.Detect(planes, canvas, _options.FaceScore, _scratch);
            else _text!.Detect(planes, canvas, _scratch);
        }
        return 0;
    }

    /// <summary>
    /// When the packed canvases (<paramref name="canvases"/> pixels) hold more than the whole frame at
    /// their scale (a crowd moves everywhere: regions overlap, and gaps and padding add up), the face
    /// model reads the whole frame at that scale instead: the same detail, fewer pixels. Text keeps
    /// its canvases, where small regions are read enlarged. Returns the long side the frame was
    /// read at, or 0 when the canvases cost less.
    /// </summary>
    private int ReadWholeFrameInstead(YuvPlanes planes, float scale, long canvases)
    {
        long whole = (long)(planes.Width * scale) * (long)(planes.Height * scale);
        if (canvases <= whole) return 0;
        int side = (int)MathF.Round(Math.Max(planes.Width, planes.Height) * scale);
        _faces!.Detect(planes, new PixelRect(0, 0, planes.Width, planes.Height), side, _options.FaceScore, _scratch);
        return side;
    }
}
