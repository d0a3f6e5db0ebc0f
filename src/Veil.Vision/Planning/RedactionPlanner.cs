using Veil.Core.Detections;
using Veil.Core.Geometry;

namespace Veil.Vision.Planning;

/// <summary>
/// Turns detections into the regions that get redacted: only the classes asked for, each box grown
/// by a margin that depends on its size. Small faces get the largest share (a detector's box on a
/// 16 px face is a few pixels off and misses the chin); large faces a small one, where a fixed
/// share would only blur background.
/// </summary>
public static class RedactionPlanner
{
    /// <param name="regionClasses">When given, receives the class of each region added, in order.</param>
    /// <param name="tracked">The boxes are tracks' redaction boxes, already grown by their uncertainty.</param>
    /// <param name="faceBelow">Share of a face box's height its redaction box reaches further down (see <see cref="FaceBox"/>).</param>
    public static void Plan(IReadOnlyList<Detection> detections, IReadOnlySet<ObjectClass> classes, int width, int height,
        List<RedactionRegion> into, List<ObjectClass>? regionClasses = null, bool tracked = false, float faceBelow = 0f)
    {
        for (int i = 0; i < detections.Count; i++) // not foreach: an interface's enumerator is an allocation per call
        {
            var d = detections[i];
            var box = Redacted(d, classes, tracked, faceBelow);
            if (box is null) continue;
            var rect = box.Value.ToPixelRect(width, height);
            if (rect.IsEmpty) continue;
            into.Add(RedactionRegion.Rectangle(rect, d.Class.Name()));
            regionClasses?.Add(d.Class);
        }
    }

    /// <summary>The box to redact for one detection, or null when its class is not redacted.</summary>
    public static BoxF? Redacted(Detection d, IReadOnlySet<ObjectClass> classes, bool tracked = false, float faceBelow = 0f) => d.Class switch
    {
        ObjectClass.Face when classes.Contains(ObjectClass.Face) => FaceBox(d.Box, tracked ? 1f : d.Score, faceBelow),
        ObjectClass.Head when classes.Contains(ObjectClass.Face) => d.Box,
        ObjectClass.Plate when classes.Contains(ObjectClass.Plate) => d.Box,
        ObjectClass.Person or ObjectClass.Rider when classes.Contains(ObjectClass.Person) => d.Box.Grow(0.05f * d.Box.W, 0.03f * d.Box.H, 0.05f * d.Box.W, 0.03f * d.Box.H),
        _ => null,
    };

    /// <summary>
    /// A face box moved down by a tenth of its height and grown by 15 % a side at 16 px, falling to
    /// 5 % at 96 px and above, mostly towards the chin: YuNet's boxes sit higher and tighter than a
    /// face that runs from brow to chin (measured on faces-dev: label centres 12 % of the box
    /// height lower, labels 0.88 as tall), and small boxes are the least precise. A face found
    /// with a score under 0.7 grows by another 11 % a side: its box strays further (faces-dev: the
    /// labelled face reached 15-18 % of the box width past its side in one case of ten, against
    /// none for confident boxes). <paramref name="below"/> (a share of the box's height) reaches
    /// further down, on video: see <see cref="Detectors.DetectorOptions.VideoFaceBelow"/>.
    /// </summary>
    public static BoxF FaceBox(BoxF b, float score = 1f, float below = 0f)
    {
        float size = Math.Max(b.W, b.H);
        float share = 0.05f + 0.10f * Math.Clamp((96f - size) / 80f, 0f, 1f);
        float dx = share * b.W, dy = share * b.H;
        var box = b.Offset(0, 0.1f * b.H).Grow(dx, 0.4f * dy, dx, 1.6f * dy + below * b.H);
        return score >= UnsureFaceScore ? box : box.Grow(0.11f * box.W, 0.11f * box.H, 0.11f * box.W, 0.11f * box.H);
    }

    private const float UnsureFaceScore = 0.7f;
}
