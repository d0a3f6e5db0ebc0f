using System.Runtime.InteropServices;
using Veil.Core.Detections;

namespace Veil.Vision.Detectors;

/// <summary>Greedy non-maximum suppression, per class, in place.</summary>
public static class Nms
{
    // One delegate for every call, sorted as a span: List.Sort wraps its comparison in a new object each time.
    private static readonly Comparison<Detection> ByScoreDescending = (a, b) => b.Score.CompareTo(a.Score);

    public static void Apply(List<Detection> detections, float iou)
    {
        CollectionsMarshal.AsSpan(detections).Sort(ByScoreDescending);
        int kept = 0;
        for (int i = 0; i < detections.Count; i++)
        {
            var d = detections[i];
            bool suppressed = false;
            for (int k = 0; k < kept && !suppressed; k++)
                suppressed = detections[k].Class == d.Class && detections[k].Box.IoU(d.Box) > iou;
            if (!suppressed) detections[kept++] = d;
        }
        detections.RemoveRange(kept, detections.Count - kept);
    }
}
