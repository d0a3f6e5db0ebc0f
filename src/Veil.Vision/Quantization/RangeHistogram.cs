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
