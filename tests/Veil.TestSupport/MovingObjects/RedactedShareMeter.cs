using OpenCvSharp;

namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// How much of the picture an anonymizer changed, from the pixels: per frame, the share of pixels whose
/// luma differs from the input by more than <see cref="Levels"/> on average over the 16x16 around them
/// (a re-encode's noise stays below it; a blur, mosaic or fill over detail goes above). On a clip whose
/// private objects are known to be small, it is the over-redaction a viewer sees. It undercounts a
/// mosaic over flat road, which hardly changes it: a figure to compare runs by, not an area of boxes.
/// </summary>
public static class RedactedShareMeter
{
    public const double Levels = 10;

    public static RedactedShare Measure(string inputClip, string outputClip, int width, int height)
    {
        using var input = new RawVideoReader(inputClip, width, height, gray: true);
        using var output = new RawVideoReader(outputClip, width, height, gray: true);
        using var inFrame = input.NewFrame();
        using var outFrame = output.NewFrame();
        using var diff = new Mat();
        using var mean = new Mat();
        using var over = new Mat();
        var shares = new List<double>();
        while (true)
        {
            bool hasIn = input.TryRead(inFrame), hasOut = output.TryRead(outFrame);
            if (hasIn != hasOut) throw new InvalidOperationException($"{outputClip} has {(hasIn ? "fewer" : "more")} frames than {inputClip}");
            if (!hasIn) break;
            Cv2.Absdiff(inFrame, outFrame, diff);
            Cv2.Blur(diff, mean, new Size(16, 16));
            Cv2.Threshold(mean, over, Levels, 255, ThresholdTypes.Binary);
            shares.Add((double)Cv2.CountNonZero(over) / (width * height));
        }
        return new RedactedShare(shares);
    }
}

/// <summary>Per-frame shares of the picture changed, with their mean and 90th percentile (percent).</summary>
public sealed record RedactedShare(IReadOnlyList<double> PerFrame)
{
    public double MeanPercent => PerFrame.Count == 0 ? 0 : 100 * PerFrame.Average();

    public double P90Percent => PerFrame.Count == 0 ? 0 : 100 * PerFrame.Order().ElementAt((int)(0.9 * (PerFrame.Count - 1)));

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{PerFrame.Count} frames, {MeanPercent:0.0} % of the picture changed on average, {P90Percent:0.0} % at the 90th percentile");
}
