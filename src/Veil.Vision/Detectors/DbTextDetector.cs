using OpenCvSharp;
using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.Vision.Imaging;
using Veil.Vision.Inference;

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
    private readonly Mat _binary = new();

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

        _model.Run(bound);
        unsafe
        {
            var probSpan = bound.Outputs[0].GetTensorDataAsSpan<float>();
            fixed (float* p = probSpan)
            {
                using var prob = Mat.FromPixelData(th, tw, MatType.CV_32FC1, (nint)p);
                Cv2.Threshold(prob, _binary, BinaryThreshold, 255, ThresholdTypes.Binary);
                using var binary8 = new Mat();
                _binary.ConvertTo(binary8, MatType.CV_8UC1);
                Cv2.FindContours(binary8, out Point[][] contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxSimple);
                foreach (var contour in contours)
                {
                    if (contour.Length < 3) continue;
                    var rect = Cv2.BoundingRect(contour);
                    if (rect.Width < 2 || rect.Height < 2) continue;
                    float score = MeanInside(prob, contour, rect);
                    if (score < BoxThreshold) continue;
                    double area = Cv2.ContourArea(contour), perimeter = Cv2.ArcLength(contour, true);
                    float grow = perimeter > 0 ? (float)(area * UnclipRatio / perimeter) : 0;
                    var box = BoxF.FromCorners(rect.X - grow, rect.Y - grow, rect.Right + grow, rect.Bottom + grow);
                    into.Add(new Detection(
                        new BoxF(box.X / sx + roi.X, box.Y / sy + roi.Y, box.W / sx, box.H / sy), ObjectClass.Text, score));
                }
            }
        }
    }

    private static float MeanInside(Mat prob, Point[] contour, Rect rect)
    {
        using var mask = new Mat(rect.Height, rect.Width, MatType.CV_8UC1, Scalar.All(0));
        var shifted = contour.Select(p => new Point(p.X - rect.X, p.Y - rect.Y)).ToArray();
        Cv2.FillPoly(mask, [shifted], Scalar.All(1));
        using var region = prob[rect];
        return (float)Cv2.Mean(region, mask).Val0;
    }

    public void Dispose()
    {
        _scaler.Dispose();
        _bindings.Dispose();
        _binary.Dispose();
    }
}
