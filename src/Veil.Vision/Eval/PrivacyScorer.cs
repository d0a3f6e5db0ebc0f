namespace Veil.Vision.Eval;

/// <summary>
/// The privacy metric of ../shared/eval/score.py, reproduced exactly: a labelled object whose
/// longer side is at least <c>minSide</c> leaks when less than <c>cover</c> of its box (in whole
/// pixels: floor of the corner, ceiling of the far edge) is under redaction boxes; over-redaction
/// is the redacted area outside every labelled box as a share of the image, averaged over images.
/// </summary>
public static class PrivacyScorer
{
    public static PrivacyScore Score(LabelSet labels, IReadOnlyDictionary<string, RedactedImage> redacted,
        Func<string, (int Width, int Height)> trueSize, double minSide = 16, double cover = 0.7)
    {
        int counted = 0, covered = 0, missing = 0, mismatch = 0;
        var over = new List<double>();
        foreach (var (image, boxes) in labels.Images)
        {
            var (w, h) = labels.Sizes.TryGetValue(image, out var s) ? s : trueSize(image);
            IReadOnlyList<RedactedBox> rboxes = [];
            if (!redacted.TryGetValue(image, out var d)) missing++;
            else
            {
                if (d.Width != w || d.Height != h) mismatch++;
                rboxes = d.Boxes;
            }
            var mask = new bool[w * h];
            foreach (var b in rboxes) Fill(mask, w, h, b.X, b.Y, b.W, b.H);
            var gt = new bool[w * h];
            foreach (var g in boxes)
            {
                var (x0, y0, x1, y1) = Pixels(g.X, g.Y, g.W, g.H, w, h);
                if (x1 <= x0 || y1 <= y0) continue;
                Fill(gt, w, x0, y0, x1, y1);
                if (Math.Max(g.W, g.H) < minSide) continue;
                counted++;
                if (CoveredShare(mask, w, x0, y0, x1, y1) >= cover) covered++;
            }
            long outside = 0;
            for (int i = 0; i < mask.Length; i++) if (mask[i] && !gt[i]) outside++;
            over.Add((double)outside / mask.Length);
        }
        return new PrivacyScore(counted, covered,
            counted > 0 ? Math.Round(1 - (double)covered / counted, 4) : null,
            over.Count > 0 ? Math.Round(over.Average(), 4) : null,
            labels.Images.Count, missing, mismatch);
    }

    // Python's int() truncates toward zero; np.ceil rounds up.
    private static (int X0, int Y0, int X1, int Y1) Pixels(double x, double y, double bw, double bh, int w, int h)
        => (Math.Max(0, (int)Math.Truncate(x)), Math.Max(0, (int)Math.Truncate(y)),
            (int)Math.Min(w, Math.Ceiling(x + bw)), (int)Math.Min(h, Math.Ceiling(y + bh)));

    private static void Fill(bool[] mask, int w, int h, double x, double y, double bw, double bh)
    {
        var (x0, y0, x1, y1) = Pixels(x, y, bw, bh, w, h);
        if (x1 > x0 && y1 > y0) Fill(mask, w, x0, y0, x1, y1);
    }

    private static void Fill(bool[] mask, int w, int x0, int y0, int x1, int y1)
    {
        for (int y = y0; y < y1; y++) Array.Fill(mask, true, y * w + x0, x1 - x0);
    }

    private static double CoveredShare(bool[] mask, int w, int x0, int y0, int x1, int y1)
    {
        long on = 0;
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
                if (mask[y * w + x]) on++;
        return (double)on / ((long)(x1 - x0) * (y1 - y0));
    }
}
