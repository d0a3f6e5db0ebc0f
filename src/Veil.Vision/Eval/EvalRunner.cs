using OpenCvSharp;
using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Core.Geometry;
using Veil.Vision.Detectors;
using Veil.Vision.Imaging;
using Veil.Vision.Planning;

namespace Veil.Vision.Eval;

/// <summary>
/// Runs Veil's detection and redaction planning on still images exactly as on video frames (the
/// image becomes an I420 frame first) and reports the boxes that would be redacted.
/// </summary>
public sealed class EvalRunner(PrivacyDetector detector, IReadOnlySet<ObjectClass> classes)
{
    private readonly List<Detection> _detections = new();
    private readonly List<RedactionRegion> _regions = new();

    public RedactedImage Run(string imagePath, string imageKey)
    {
        using var bgr = Cv2.ImRead(imagePath, ImreadModes.Color);
        if (bgr.Empty()) throw new FormatException($"cannot read image '{imagePath}'");
        using var buffer = new NativeFrameBuffer(bgr.Width, bgr.Height);
        I420.FromBgr(bgr, buffer.Planes);
        _detections.Clear();
        _regions.Clear();
        detector.Detect(buffer.Planes, _detections);
        var boxes = new List<RedactedBox>();
        foreach (var d in _detections)
        {
            if (RedactionPlanner.Redacted(d, classes) is not { } box) continue;
            var r = box.ToPixelRect(bgr.Width, bgr.Height);
            if (!r.IsEmpty) boxes.Add(new RedactedBox(r.X, r.Y, r.Width, r.Height, d.Class.Name(), Math.Round(d.Score, 4)));
        }
        return new RedactedImage(imageKey, bgr.Width, bgr.Height, boxes);
    }
}
