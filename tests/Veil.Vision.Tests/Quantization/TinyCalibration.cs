using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using Veil.Vision.Quantization;

namespace Veil.Vision.Tests.Quantization;

/// <summary>Calibrates <see cref="TinyConvNet"/> the way `veil models calibrate` does a detector: both passes, percentile ranges.</summary>
internal static class TinyCalibration
{
    public static readonly int[] CalibrationSeeds = Enumerable.Range(100, 24).ToArray();

    public static CalibrationFile Measure(byte[] floatModel, IReadOnlyList<string>? keepFloat = null)
    {
        keepFloat ??= [];
        var (graph, tensors) = ModelQuantizer.ForCalibration(floatModel, keepFloat.ToHashSet());
        using var collector = new ActivationRangeCollector(graph, tensors, TinyConvNet.Input);
        foreach (bool histograms in new[] { false, true })
        {
            collector.HistogramPass = histograms;
            foreach (var seed in CalibrationSeeds)
            {
                using var input = OrtValue.CreateTensorValueFromMemory(TinyConvNet.Picture(seed), [1, 3, TinyConvNet.Size, TinyConvNet.Size]);
                collector.Observe(input);
            }
        }
        return new CalibrationFile
        {
            Model = "tiny",
            FloatSha256 = Convert.ToHexStringLower(SHA256.HashData(floatModel)),
            Method = "percentile",
            Percentile = 99.99,
            Runs = collector.Runs,
            Sources = ["TinyConvNet.Picture seeds 100-123"],
            KeepFloat = keepFloat,
            WeightBits = 7, // as Veil's own calibration files: no CPU's u8·s8 kernels saturate on them
            Ranges = collector.Ranges(CalibrationMethods.Percentile, 99.99),
        };
    }
}
