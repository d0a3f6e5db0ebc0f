using OpenCvSharp;
using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.Vision.Imaging;
using Veil.Vision.Inference;
using Veil.Vision.Regions;

namespace Veil.Vision.Detectors;

/// <summary>
/// PP-OCRv4's DB text detector, used to find licence plates (MODELS.md): the region scaled to a long
/// side, normalised (v/255 − mean)/std, the probability map binarised at 0.3, external contours
/// kept when their mean probability reaches 0.6, each grown by area·1.5/perimeter (DB's unclip).
/// Not thread-safe: one per stage.
/// </summary>
public sealed class DbTextDetector : IDisposable
{
    private readonly OnnxModel _model;
    private readonly FrameScaler _scaler = new();
    private readonly BindingCache _bindings;
    private readonly float[] _mean, _std;
    private readonly float _scale;
    private readonly TextContours _contours = new();
    private readonly List<TextRegion> _regions = new();

    public DbTextDetector(OnnxModel model)
    {
        _model = model;
        _bindings = new BindingCache(model);
        var input = model.Spec.Input;
        _mean = input.Mean.ToArray();
        _std = input.Std.ToArray();
        _scale = input.Scale;
    }

    public float BinaryThreshold { get; init; } = 0.3f;
    public float BoxThreshold { get; init; } = 0.6f;
    public float UnclipRatio { get; init; } = 1.5f;

    public void Detect(YuvPlanes planes, PixelRect roi, int longSide, List<Detection> into)
    {
        float r = (float)longSide / Math.Max(roi.Width, roi.Height);
        int w = Math.Max(32, (int)MathF.Round(roi.Width * r)), h = Math.Max(32, (int)MathF.Round(roi.Height * r));
        var bgr = _scaler.ToBgr(planes, roi, w, h);
        float sx = (float)bgr.Width / roi.Width, sy = (float)bgr.Height / roi.Height;
        int tw = (bgr.Width + 31) & ~31, th = (bgr.Height + 31) & ~31;
        var bound = _bindings.Get(tw, th);
        TensorWriter.WriteNchw(bgr, bound.Input.GetTensorMutableDataAsSpan<float>(), tw, th, _scale, _mean, _std, 0f);
        Run(bound, tw, th);
        foreach (var t in _regions)
            into.Add(new Detection(new BoxF(t.X / sx + roi.X, t.Y / sy + roi.Y, (t.Right - t.X) / sx, (t.Bottom - t.Y) / sy), ObjectClass.Text, t.Score));
    }

    /// <summary>Adds the text found in the regions packed on <paramref name="canvas"/>, in one run.</summary>
    public void Detect(YuvPlanes planes, PackedCanvas canvas, List<Detection> into)
    {
        var bound = _bindings.Get(canvas.Width, canvas.Height);
        var tensor = bound.Input.GetTensorMutableDataAsSpan<float>();
        TensorWriter.Fill(tensor, canvas.Width, canvas.Height, _scale, _mean, _std, 0f);
        foreach (var p in canvas.Placements)
            TensorWriter.WriteAt(_scaler.ToBgr(planes, p.Source, p.Width, p.Height), tensor, canvas.Width, canvas.Height, p.X, p.Y, _scale, _mean, _std);
        Run(bound, canvas.Width, canvas.Height);
        foreach (var t in _regions)
            PackedBoxes.AddMapped(canvas, new Detection(new BoxF(t.X, t.Y, t.Right - t.X, t.Bottom - t.Y), ObjectClass.Text, t.Score), into);
    }

    private unsafe void Run(ModelBinding bound, int tw, int th)
    {
        _model.Run(bound);
        _regions.Clear();
        fixed (float* prob = bound.Outputs[0].GetTensorDataAsSpan<float>())
            _contours.Find(prob, tw, th, BinaryThreshold, BoxThreshold, UnclipRatio, _regions);
    }

    /// <summary>Input pixels read so far.</summary>
    public long PixelsRead => _bindings.Pixels;

    public void Dispose()
    {
        _scaler.Dispose();
        _bindings.Dispose();
        _contours.Dispose();
    }
}
