namespace Veil.Vision.Quantization;

/// <summary>
/// One tensor's values over a calibration: first its exact min and max (pass one), then a histogram
/// of 2048 bins over that span (pass two), from which the central part is read: a few outliers
/// (a glint, one saturated pixel) would otherwise stretch the range and coarsen every other value.
/// </summary>
internal sealed class RangeHistogram
{
    private const int Bins = 2048;
    private long[]? _counts;

    public float Min { get; private set; } = float.PositiveInfinity;
    public float Max { get; private set; } = float.NegativeInfinity;

    public void AddToRange(ReadOnlySpan<float> values)
    {
        float min = Min, max = Max;
        foreach (var v in values)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        Min = min;
        Max = max;
    }

    public void AddToHistogram(ReadOnlySpan<float> values)
    {
        _counts ??= new long[Bins];
        if (!(Max > Min)) return;
        float perBin = Bins / (Max - Min), lo = Min;
        var counts = _counts;
        foreach (var v in values)
        {
            int bin = (int)((v - lo) * perBin);
            counts[Math.Clamp(bin, 0, Bins - 1)]++;
        }
    }

    /// <summary>
    /// The range whose uint8 quantization loses least: the expected squared error of rounding inside
    /// it (step²/12 a value) plus that of clipping outside it, over the histogram. A heavy-tailed
    /// tensor gets a range that clips its rare extremes and keeps resolution for the bulk.
    /// </summary>
    public (float Min, float Max) LeastSquaredError()
    {
        if (_counts is null || !(Max > Min)) return (Min, Max);
        float width = (Max - Min) / Bins;
        var centers = new float[Bins];
        for (int i = 0; i < Bins; i++) centers[i] = Min + (i + 0.5f) * width;
        float lowEnd = MathF.Min(Min, 0), highEnd = MathF.Max(Max, 0);
        (float, float) best = (lowEnd, highEnd);
        double bestError = double.PositiveInfinity;
        // Each end shrinks towards zero in steps of 4 % (down to 1 % of the measured extreme).
        for (float a = 1f; a > 0.01f; a *= 0.96f)
        for (float b = 1f; b > 0.01f; b *= 0.96f)
        {
            float lo = lowEnd * a, hi = highEnd * b;
            if (!(hi > lo)) continue;
            double step = (hi - lo) / 255.0, rounding = step * step / 12, error = 0;
            for (int i = 0; i < Bins && error < bestError; i++)
            {
                long n = _counts[i];
                if (n == 0) continue;
                float v = centers[i];
                double d = v < lo ? lo - v : v > hi ? v - hi : 0;
                error += n * (d * d + (d == 0 ? rounding : 0));
            }
            if (error < bestError)
            {
                bestError = error;
                best = (lo, hi);
            }
        }
        return best;
    }

    /// <summary>The range holding the central <paramref name="percentile"/> % of the values (both tails cut equally).</summary>
    public (float Min, float Max) Central(double percentile)
    {
        if (_counts is null || !(Max > Min)) return (Min, Max);
        long total = _counts.Sum();
        long cut = (long)(total * (100 - percentile) / 200);
        float width = (Max - Min) / Bins;
        int low = 0, high = Bins - 1;
        for (long seen = _counts[0]; seen <= cut && low < Bins - 1; seen += _counts[++low]) { }
        for (long seen = _counts[Bins - 1]; seen <= cut && high > 0; seen += _counts[--high]) { }
        // A bin's far edge, so the values in the bin that holds the cut stay inside the range.
        return (Min + low * width, Math.Min(Max, Min + (high + 1) * width));
    }
}
