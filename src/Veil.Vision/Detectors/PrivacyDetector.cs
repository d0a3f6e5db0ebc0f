using System.Diagnostics;
using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.Vision.Inference;
using Veil.Vision.Regions;

namespace Veil.Vision.Detectors;

/// <summary>
/// Finds what must be hidden in one frame: faces (YuNet at several scales, plus the head of every
/// person as a fallback for faces turned away), licence plates (text found on the lower part of
/// each vehicle, and on the whole frame for plates without a detected vehicle), and people. Owns
/// its per-model buffers: one per stage, over sessions shared through <see cref="ModelSet"/>.
/// </summary>
public sealed partial class PrivacyDetector : IDisposable
{
    private readonly DetectorOptions _options;
    private readonly YuNetFaceDetector? _faces;
    private readonly YoloxObjectDetector? _objects;
    private readonly DbTextDetector? _text;
    private readonly List<Detection> _scratch = new();
    private readonly List<PixelRect> _crops = new();
    private readonly int _largestFaceScale;
    private readonly ModelSet _models;

    /// <param name="timings">Where inference time is added up; shared by detectors of one stream.</param>
    public PrivacyDetector(ModelSet models, DetectorOptions options, ModelTimings? timings = null)
    {
        _models = models;
        _options = options;
        Timings = timings ?? new ModelTimings();
        options.Cadence.Validate();
        _largestFaceScale = options.FaceScales.Count > 0 ? options.FaceScales.Max() : 0;
        if (models.Face is not null) _faces = new YuNetFaceDetector(models.Face);
        if (models.Objects is not null) _objects = new YoloxObjectDetector(models.Objects) { PersonScore = options.PersonScore, VehicleScore = options.VehicleScore };
        if (models.Text is not null) _text = new DbTextDetector(models.Text);
    }

    // The text detector boxes the characters; the plate's frame, its header strip (Brazil, US
    // states) and the EU country band lie around them. Measured on plates-dev, characters cover
    // 55-65 % of the plate's height, so the box grows most upwards.
    private const float PlateSide = 0.2f, PlateTop = 0.5f, PlateBottom = 0.3f;
    private const int MinVehicleWidth = 64;
    private const int EdgeSlack = 4;
    private const int PlateHalvesOverlap = 192; // pixels at the whole-frame pass's scale

    /// <summary>Time spent in each model since creation, for `veil bench`.</summary>
    public ModelTimings Timings { get; }

    /// <summary>Appends every detection for the frame to <paramref name="into"/>: faces, heads, plates, people, vehicles.</summary>
    public void Detect(YuvPlanes planes, List<Detection> into) => Detect(planes, 0, into);

    /// <summary>
    /// A full pass on <paramref name="planes"/> whose answer is thrown away, unless the shared models
    /// already ran one at this size: ONNX Runtime's first runs at a size are several times slower than
    /// the rest, once per session, and what each detector binds afterwards needs no run (see
    /// <see cref="OnnxModel.Bind"/>). A server that warmed up at start begins a 720p stream at once.
    /// </summary>
    public void WarmUp(YuvPlanes planes, List<Detection> scratch)
    {
        if (_models.IsWarmAt(planes.Width, planes.Height)) return;
        Detect(planes, 0, scratch);
        scratch.Clear();
        _models.MarkWarmAt(planes.Width, planes.Height);
    }

    /// <summary>
    /// Runs the models due on frame <paramref name="frameIndex"/> under the cadence and appends what
    /// they found; returns which families ran, so their trackers are updated and the others carried.
    /// With a <paramref name="plan"/> (cadences that look at changes), the large face passes and the
    /// whole-frame text pass give way to the plan's regions read at native resolution; a full plan
    /// runs every model on the whole frame, as on a stream's first frame. <paramref name="wanted"/>
    /// (a running stream's policy) leaves out the models its classes do not need; null runs every
    /// model loaded.
    /// </summary>
    public ModelFamilies Detect(YuvPlanes planes, long frameIndex, List<Detection> into, LookPlan? plan = null, IReadOnlySet<ObjectClass>? wanted = null)
    {
        DetectorFaults.ThrowIfInjected(frameIndex);
        var cadence = _options.Cadence;
        bool byRegions = plan is { Full: false, Fixed: false } && cadence.LooksAtChanges;
        if (plan is { Full: true }) frameIndex = 0; // every model is due on a stream's first frame
        var frame = new PixelRect(0, 0, planes.Width, planes.Height);
        var ran = ModelFamilies.None;
        int start = into.Count;
        if (_objects is not null && (wanted is null || _options.NeedsObjectsFor(wanted)) && cadence.ObjectsDue(frameIndex))
        {
            long t = Stopwatch.GetTimestamp(), px = _objects.PixelsRead;
            _objects.Detect(planes, frame, into);
            Timings.Add("person", t);
            Timings.AddPixels("person", _objects.PixelsRead - px);
            RiderMatcher.Mark(into, start);
            ran |= ModelFamilies.Objects;
        }
        if (_faces is not null && (wanted is null || wanted.Contains(ObjectClass.Face)) && cadence.FacesDue(frameIndex))
        {
            long t = Stopwatch.GetTimestamp(), px = _faces.PixelsRead;
            _scratch.Clear();
            if (byRegions) DetectFacesInRegions(planes, frame, plan!);
            else DetectFacesOnSchedule(planes, frame, frameIndex);
            DropUnsureLargeFaces(_scratch);
            if (_options.FacesBackedByPeople && (ran & ModelFamilies.Objects) != 0) BackFacesByPeople(into, start, _scratch);
            Nms.Apply(_scratch, _options.FaceNmsIou);
            into.AddRange(_scratch);
            Timings.Add("face", t);
            Timings.AddPixels("face", _faces.PixelsRead - px);
            if (_options.HeadFallback) AddHeads(into, start);
            ran |= ModelFamilies.Faces;
        }
        if (_text is not null && (wanted is null || wanted.Contains(ObjectClass.Plate)))
        {
            bool crops = cadence.PlateCropsDue(frameIndex);
            bool regions = byRegions && (cadence.TextRegionsDue(frameIndex) || !plan!.TextTile.IsEmpty);
            if (byRegions && (crops || regions))
            {
                DetectPlates(planes, frame, into, start, crops, false, false, plan, regions);
                ran |= ModelFamilies.Plates;
            }
            else if (!byRegions && (crops || cadence.PlateFrameDue(frameIndex)))
            {
                bool changes = cadence.TextChangesToo && plan is { Full: false, Fixed: false };
                DetectPlates(planes, frame, into, start, crops, cadence.PlateFrameHalfDue(frameIndex, 0), cadence.PlateFrameHalfDue(frameIndex, 1), changes ? plan : null, changes);
                ran |= ModelFamilies.Plates;
            }
        }
        return ran;
    }

    private void DetectFacesOnSchedule(YuvPlanes planes, PixelRect frame, long frameIndex)
    {
        var cadence = _options.Cadence;
        int frameSide = Math.Max(planes.Width, planes.Height);
        var scales = _options.FaceScales;
        for (int s = 0; s < scales.Count; s++) // not foreach: an interface's enumerator is an allocation per frame
        {
            int side = scales[s];
            // A pass under a third of the frame only finds faces the next pass finds too.
            if (side * 3 < frameSide && side < _largestFaceScale) continue;
            if (side < _largestFaceScale || cadence.LargeFacesDue(frameIndex))
                _faces!.Detect(planes, frame, side, _options.FaceScore, _scratch);
            // A second look at the mirrored picture finds faces the model misses one way round
            // (faces-dev: leak 1.92 % → 1.58 %); it shares the large pass's cadence.
            if (side == _options.MirrorFaceScale && cadence.LargeFacesDue(frameIndex))
                _faces!.Detect(planes, frame, side, _options.FaceScore, _scratch, mirrored: true);
        }
    }

    private void DetectPlates(YuvPlanes planes, PixelRect frame, List<Detection> into, int start, bool vehicleCrops, bool leftHalf, bool rightHalf, LookPlan? plan, bool readRegions)
    {
        long t = Stopwatch.GetTimestamp(), px = _text!.PixelsRead;
        _scratch.Clear();
        _crops.Clear();
        for (int i = start; vehicleCrops && i < into.Count; i++)
        {
            var d = into[i];
            if (!d.Class.IsVehicle()) continue;
            // Plates sit in the lower part of a vehicle: crop the lower 70 %.
            var b = d.Box;
            var crop = BoxF.FromCorners(b.X, b.Y + 0.3f * b.H, b.Right, b.Bottom).ToPixelRect(frame.Width, frame.Height);
            // A vehicle under 64 px wide carries a plate of a dozen pixels, too few to read.
            if (crop.Width < MinVehicleWidth || crop.Height < 8) continue;
            // A vehicle that moves lies in the text change regions, read every few frames within the
            // text budget: its crop is read only while it stands still (plate clip: text pixels a
            // frame 197k → 170k, the plate stills and moving-object leaks unchanged).
            if (plan is not null && _options.Cadence.LooksAtChanges && CoveredShare(crop, plan.TextRegions) >= MovingVehicleCover) continue;
            AddCrop(crop);
        }
        foreach (var crop in _crops)
        {
            // Crops are read at their own size, small ones enlarged to 320 (a distant plate needs
            // the pixels), large ones shrunk to 480: the text model's cost grows with the area it
            // reads, and enlarging a large crop found no more plates on the plate clip, only glare.
            int side = Math.Clamp(Math.Max(crop.Width, crop.Height), 320, _options.PlateCropLongSide);
            _text!.Detect(planes, crop, side, _scratch);
        }
        long pc = _text.PixelsRead;
        Timings.AddPixels("text/vehicles", pc - px);
        if (readRegions) DetectTextInRegions(planes, frame, plan!);
        if (leftHalf && rightHalf) DetectTextOnFrame(planes, frame, frame); // a still, a first frame: one pass reads the overlap once
        else if (leftHalf || rightHalf) DetectTextOnFrame(planes, frame, Half(frame, leftHalf ? 0 : 1));
        foreach (var text in _scratch)
        {
            var b = text.Box;
            // Plates are wide; tall text boxes are lamps, pillars, signs. One at the frame's side
            // may be a plate cut by it, entering or leaving: kept.
            if (b.W < 0.8f * b.H && b.X > EdgeSlack && b.Right < frame.Width - EdgeSlack) continue;
            var plate = b.Grow(PlateSide * b.W, PlateTop * b.H, PlateSide * b.W, PlateBottom * b.H);
            into.Add(new Detection(plate, ObjectClass.Plate, text.Score));
        }
        Timings.Add("text", t);
        Timings.AddPixels("text", _text.PixelsRead - px);
    }

    /// <summary>
    /// The whole-frame text pass, on <paramref name="region"/> (the frame or one half of it) at the
    /// whole pass's scale. A frame smaller than the pass is read at its own size: enlarging it
    /// found no plate on plates-dev that the vehicle crops (enlarged to 320) had not, and cost the
    /// 640x360 crowd clip a tenth of its frame rate.
    /// </summary>
    private void DetectTextOnFrame(YuvPlanes planes, PixelRect frame, PixelRect region)
    {
        int side = Math.Max(2, (int)MathF.Round(PlateFrameScale(frame) * Math.Max(region.Width, region.Height)));
        _text!.Detect(planes, region, side, _scratch);
    }

    /// <summary>
    /// One half of the frame for the whole-frame text pass, which live cadences run in halves on
    /// different frames: run whole, it made one frame in twelve 66 ms slower (720p, 2 cores), and
    /// those frames set the p95 latency. The halves overlap by a wide plate's width at the pass's
    /// scale, so every plate lies whole in one of them.
    /// </summary>
    private PixelRect Half(PixelRect frame, int half)
    {
        int overlap = Math.Min(frame.Width, (int)MathF.Ceiling(PlateHalvesOverlap / PlateFrameScale(frame)));
        int width = Math.Min(frame.Width, (frame.Width + overlap + 1) / 2);
        return new PixelRect(half == 0 ? 0 : frame.Width - width, 0, width, frame.Height);
    }

    private float PlateFrameScale(PixelRect frame) => Math.Min(1f, (float)_options.PlateFrameLongSide / Math.Max(frame.Width, frame.Height));

    private const float MovingVehicleCover = 0.7f;

    /// <summary>The share of <paramref name="crop"/> that the regions cover (they are merged: none overlap much).</summary>
    private static float CoveredShare(PixelRect crop, List<PixelRect> regions)
    {
        long covered = 0;
        foreach (var r in regions) covered += crop.Intersect(r).Area;
        return (float)Math.Min(covered, crop.Area) / Math.Max(1, crop.Area);
    }

    /// <summary>
    /// Adds a vehicle's crop, merged with one that mostly covers the same pixels: the object model
    /// often boxes one vehicle twice (car and truck), and reading it twice doubles the text cost.
    /// </summary>
    private void AddCrop(PixelRect crop)
    {
        for (int i = 0; i < _crops.Count; i++)
        {
            long shared = _crops[i].Intersect(crop).Area;
            if (shared >= 0.6 * Math.Min(_crops[i].Area, crop.Area))
            {
                var merged = _crops[i].Union(crop);
                _crops.RemoveAt(i);
                AddCrop(merged); // the union may now overlap another
                return;
            }
        }
        _crops.Add(crop);
    }

    // YuNet finds large faces surely: on faces-dev, 82 of 100 boxes of 88 px and more scored under
    // 0.7 covered no face, and each blurred up to a tenth of its picture for nothing.
    private const int LargeFaceSide = 88;
    private const float LargeFaceScore = 0.7f;

    private static void DropUnsureLargeFaces(List<Detection> faces) =>
        faces.RemoveAll(f => f.Score < LargeFaceScore && Math.Max(f.Box.W, f.Box.H) >= LargeFaceSide);

    /// <summary>
    /// The head of each person whose head holds no detected face (turned away, masked, too
    /// small): the top of the box, about as wide as a head is.
    /// </summary>
    private void AddHeads(List<Detection> into, int start)
    {
        int end = into.Count;
        for (int i = start; i < end; i++)
        {
            var d = into[i];
            if (!d.Class.IsPerson()) continue;
            var b = d.Box;
            float headH = Math.Min(b.H * 0.22f, b.W * 0.9f), headW = Math.Min(b.W, headH * 1.1f);
            var head = new BoxF(b.CenterX - headW / 2, b.Y, headW, headH);
            if (!HasFaceInside(into, start, end, head)) into.Add(new Detection(head, ObjectClass.Head, d.Score));
        }
    }

    // A person's box starts at the hair, so the face often sits just below the head box taken from
    // its top: a face whose centre lies within one head height below it is that person's face.
    private static bool HasFaceInside(List<Detection> detections, int start, int end, BoxF head)
    {
        for (int i = start; i < end; i++)
        {
            var f = detections[i];
            if (f.Class == ObjectClass.Face && f.Box.CenterX >= head.X && f.Box.CenterX <= head.Right
                && f.Box.CenterY >= head.Y && f.Box.CenterY <= head.Bottom + head.H) return true;
        }
        return false;
    }

    public void Dispose()
    {
        _faces?.Dispose();
        _objects?.Dispose();
        _text?.Dispose();
    }
}
