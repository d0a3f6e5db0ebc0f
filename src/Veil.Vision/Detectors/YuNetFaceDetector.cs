using OpenCvSharp;
using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.Vision.Imaging;
using Veil.Vision.Inference;
using Veil.Vision.Regions;

namespace Veil.Vision.Detectors;

/// <summary>
/// YuNet-n faces (MODELS.md): the region is scaled so its long side is the requested size, pasted
/// top-left on a canvas rounded up to multiples of 32, and the three strides' outputs are decoded
/// (score = sqrt(cls·obj), box centre (c+b0)·s, size exp(b)·s). Not thread-safe: one per stage.
/// </summary>
public sealed class YuNetFaceDetector : IDisposable
{
    private static readonly int[] Strides = [8, 16, 32];
    private static readonly string[] Outputs = ["cls_8", "cls_16", "cls_32", "obj_8", "obj_16", "obj_32", "bbox_8", "bbox_16", "bbox_32"];
    private static readonly float[] Zero = [0, 0, 0], One = [1, 1, 1];
    private readonly OnnxModel _model;
    private readonly FrameScaler _scaler = new();
    private readonly BindingCache _bindings;
    private readonly List<Detection> _found = new();

    public YuNetFaceDetector(OnnxModel model)
    {
        _model = model;
        _bindings = new BindingCache(model, Outputs);
    }

    /// <summary>Adds the faces scoring at least <paramref name="threshold"/> in <paramref name="roi"/> scaled to <paramref name="longSide"/>.</summary>
    public void Detect(YuvPlanes planes, PixelRect roi, int longSide, float threshold, List<Detection> into, bool mirrored = false)
    {
        float r = (float)longSide / Math.Max(roi.Width, roi.Height);
        int w = Math.Max(2, (int)MathF.Round(roi.Width * r)), h = Math.Max(2, (int)MathF.Round(roi.Height * r));
        var bgr = _scaler.ToBgr(planes, roi, w, h);
        if (mirrored) NativeCv.FlipHorizontally(bgr); // a second look: the model is not mirror-symmetric
        float sx = (float)bgr.Width / roi.Width, sy = (float)bgr.Height / roi.Height;
        int tw = RoundUp32(bgr.Width), th = RoundUp32(bgr.Height);
        var bound = _bindings.Get(tw, th);
        TensorWriter.WriteNchw(bgr, bound.Input.GetTensorMutableDataAsSpan<float>(), tw, th, 1f, Zero, One, 0f);
        _model.Run(bound);
        _found.Clear();
        Decode(bound, tw, threshold, _found);
        foreach (var f in _found)
        {
            var b = f.Box;
            float x = mirrored ? bgr.Width - b.Right : b.X;
            into.Add(f with { Box = new BoxF(x / sx + roi.X, b.Y / sy + roi.Y, b.W / sx, b.H / sy) });
        }
    }

    /// <summary>Adds the faces scoring at least <paramref name="threshold"/> in the regions packed on <paramref name="canvas"/>, in one run.</summary>
    public void Detect(YuvPlanes planes, PackedCanvas canvas, float threshold, List<Detection> into)
    {
        var bound = _bindings.Get(canvas.Width, canvas.Height);
        var tensor = bound.Input.GetTensorMutableDataAsSpan<float>();
        TensorWriter.Fill(tensor, canvas.Width, canvas.Height, 1f, Zero, One, 0f);
        foreach (var p in canvas.Placements)
            TensorWriter.WriteAt(_scaler.ToBgr(planes, p.Source, p.Width, p.Height), tensor, canvas.Width, canvas.Height, p.X, p.Y, 1f, Zero, One);
        _model.Run(bound);
        _found.Clear();
        Decode(bound, canvas.Width, threshold, _found);
        foreach (var f in _found) PackedBoxes.AddMapped(canvas, f, into);
    }

    /// <summary>The three strides' faces, in the input tensor's pixels.</summary>
    private static void Decode(ModelBinding bound, int tw, float threshold, List<Detection> into)
    {
        var outputs = bound.Outputs;
        for (int i = 0; i < Strides.Length; i++)
        {
            int s = Strides[i], cols = tw / s;
            var cls = outputs[i].GetTensorDataAsSpan<float>();
            var obj = outputs[3 + i].GetTensorDataAsSpan<float>();
            var box = outputs[6 + i].GetTensorDataAsSpan<float>();
            for (int n = 0; n < cls.Length; n++)
            {
                float score = MathF.Sqrt(Math.Clamp(cls[n], 0, 1) * Math.Clamp(obj[n], 0, 1));
                if (score < threshold) continue;
                int row = n / cols, col = n % cols;
                float cx = (col + box[4 * n]) * s, cy = (row + box[4 * n + 1]) * s;
                float bw = MathF.Exp(box[4 * n + 2]) * s, bh = MathF.Exp(box[4 * n + 3]) * s;
                into.Add(new Detection(new BoxF(cx - bw / 2, cy - bh / 2, bw, bh), ObjectClass.Face, score));
            }
        }
    }

    private static int RoundUp32(int v) => (v + 31) & ~31;

    /// <summary>Input pixels read so far.</summary>
    public long PixelsRead => _bindings.Pixels;

    public void Dispose()
    {
        _scaler.Dispose();
        _bindings.Dispose();
    }
}
