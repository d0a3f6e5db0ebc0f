using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.Vision.Imaging;
using Veil.Vision.Inference;

namespace Veil.Vision.Detectors;

/// <summary>
/// YOLOX-Nano (COCO) for people, two-wheelers and vehicles (MODELS.md): the picture scaled to the
/// manifest's long side (416 by default), top-left on a 114 canvas (when the model reads any aspect,
/// the short side rounded up to a multiple of 32; else the 416 square), decode the grid rows (centre
/// (t+g)·stride, size exp(t)·stride), score = objectness × class probability. Not thread-safe: one per stage.
/// </summary>
public sealed class YoloxObjectDetector : IDisposable
{
    private static readonly (int Coco, ObjectClass Class)[] Classes =
    [
        (0, ObjectClass.Person), (1, ObjectClass.Bicycle), (2, ObjectClass.Car), (3, ObjectClass.Motorcycle),
        (5, ObjectClass.Bus), (7, ObjectClass.Truck),
    ];
    private static readonly float[] Zero = [0, 0, 0], One = [1, 1, 1];
    private readonly OnnxModel _model;
    private readonly FrameScaler _scaler = new();
    private readonly BindingCache _bindings;
    private readonly int _size, _multiple;
    private readonly bool _anyAspect;
    private readonly List<Detection> _found = new();

    public YoloxObjectDetector(OnnxModel model)
    {
        _model = model;
        _bindings = new BindingCache(model);
        _size = model.Spec.Input.ReadLongSide > 0 ? model.Spec.Input.ReadLongSide : 416;
        _anyAspect = model.Spec.Input.AnyAspect;
        _multiple = Math.Max(1, model.Spec.Input.Multiple);
    }

    public float PersonScore { get; init; } = 0.3f;

    /// <summary>Threshold of every other class (two-wheelers, vehicles).</summary>
    public float VehicleScore { get; init; } = 0.2f;
    public float NmsIou { get; init; } = 0.45f;

    public void Detect(YuvPlanes planes, PixelRect roi, List<Detection> into)
    {
        float r = Math.Min((float)_size / roi.Width, (float)_size / roi.Height);
        int w = Math.Min(_size, Math.Max(2, (int)(roi.Width * r))), h = Math.Min(_size, Math.Max(2, (int)(roi.Height * r)));
        var bgr = _scaler.ToBgr(planes, roi, w & ~1, h & ~1);
        float sx = (float)bgr.Width / roi.Width, sy = (float)bgr.Height / roi.Height;
        int tw = _anyAspect ? RoundUp(w) : _size, th = _anyAspect ? RoundUp(h) : _size;
        var bound = _bindings.Get(tw, th);
        TensorWriter.WriteNchw(bgr, bound.Input.GetTensorMutableDataAsSpan<float>(), tw, th, 1f, Zero, One, 114f);

        float floor = Math.Min(PersonScore, VehicleScore);
        _found.Clear();
        _model.Run(bound);
        var o = bound.Outputs[0].GetTensorDataAsSpan<float>();
        int rows = o.Length / 85, n = 0;
        foreach (int stride in (ReadOnlySpan<int>)[8, 16, 32])
        {
            int columns = tw / stride, gridRows = th / stride;
            for (int gy = 0; gy < gridRows; gy++)
            for (int gx = 0; gx < columns; gx++, n++)
            {
                if (n >= rows) break;
                var v = o.Slice(n * 85, 85);
                float obj = v[4];
                if (obj < floor) continue;
                float cx = (v[0] + gx) * stride, cy = (v[1] + gy) * stride;
                float bw = MathF.Exp(v[2]) * stride, bh = MathF.Exp(v[3]) * stride;
                var box = new BoxF((cx - bw / 2) / sx + roi.X, (cy - bh / 2) / sy + roi.Y, bw / sx, bh / sy);
                foreach (var (coco, cls) in Classes)
                {
                    float score = obj * v[5 + coco];
                    if (score >= (cls == ObjectClass.Person ? PersonScore : VehicleScore)) _found.Add(new Detection(box, cls, score));
                }
            }
        }
        Nms.Apply(_found, NmsIou);
        into.AddRange(_found);
    }

    private int RoundUp(int side) => Math.Min(_size, (side + _multiple - 1) / _multiple * _multiple);

    /// <summary>Input pixels read so far.</summary>
    public long PixelsRead => _bindings.Pixels;

    public void Dispose()
    {
        _scaler.Dispose();
        _bindings.Dispose();
    }
}
