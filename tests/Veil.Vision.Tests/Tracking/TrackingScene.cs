using Veil.Core.Detections;
using Veil.Vision.Tracking;

namespace Veil.Vision.Tests.Tracking;

/// <summary>Synthetic scenes at 30 fps: where objects truly are, and how well redaction covers them.</summary>
internal static class TrackingScene
{
    public const double Fps = 30;

    public static TimeSpan At(int frame) => TimeSpan.FromSeconds(frame / Fps);

    /// <summary>A box moving at constant velocity (pixels per second) from its position at frame 0.</summary>
    public static BoxF Moving(BoxF start, float vx, float vy, int frame) =>
        start.Offset((float)(vx * frame / Fps), (float)(vy * frame / Fps));

    public static Detection Detect(BoxF box, float score = 0.9f, ObjectClass cls = ObjectClass.Face) => new(box, cls, score);

    /// <summary>The box jittered by up to <paramref name="pixels"/> per edge, as a detector's boxes are.</summary>
    public static BoxF Jitter(BoxF box, Random random, float pixels) =>
        box.Grow(J(random, pixels), J(random, pixels), J(random, pixels), J(random, pixels));

    private static float J(Random random, float pixels) => (float)(random.NextDouble() * 2 - 1) * pixels;

    /// <summary>Share of <paramref name="truth"/> inside the union of the tracks' redaction boxes, sampled on a 40×40 grid.</summary>
    public static double Coverage(BoxF truth, IReadOnlyList<Track> tracks, TimeSpan now)
    {
        Span<BoxF> boxes = stackalloc BoxF[tracks.Count];
        for (int i = 0; i < tracks.Count; i++) boxes[i] = tracks[i].RedactionBox(now);
        const int n = 40;
        int inside = 0;
        for (int gy = 0; gy < n; gy++)
        for (int gx = 0; gx < n; gx++)
        {
            float x = truth.X + (gx + 0.5f) * truth.W / n, y = truth.Y + (gy + 0.5f) * truth.H / n;
            foreach (var b in boxes)
                if (x >= b.X && x <= b.Right && y >= b.Y && y <= b.Bottom)
                {
                    inside++;
                    break;
                }
        }
        return inside / (double)(n * n);
    }

    /// <summary>The live track whose estimate overlaps <paramref name="truth"/> most, or null.</summary>
    public static Track? Nearest(IReadOnlyList<Track> tracks, BoxF truth)
    {
        Track? best = null;
        float bestIou = 0;
        foreach (var t in tracks)
        {
            float iou = t.Box.IoU(truth);
            if (iou > bestIou)
            {
                bestIou = iou;
                best = t;
            }
        }
        return best;
    }
}
