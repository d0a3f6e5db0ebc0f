namespace Veil.Vision.Quantization;

/// <summary>How a tensor's range is chosen from what calibration measured.</summary>
public static class CalibrationMethods
{
    /// <summary>The exact extremes seen.</summary>
    public const string MinMax = "minmax";

    /// <summary>The central share of the values (both tails cut equally).</summary>
    public const string Percentile = "percentile";

    /// <summary>The range with the least expected squared quantization error over the histogram.</summary>
    public const string LeastSquaredError = "mse";

    public static readonly IReadOnlyList<string> All = [MinMax, Percentile, LeastSquaredError];

    /// <summary>Whether the method needs the second pass (histograms).</summary>
    public static bool NeedsHistograms(string method) => method != MinMax;
}
