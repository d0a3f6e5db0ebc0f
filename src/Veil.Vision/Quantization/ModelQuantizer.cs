using System.Security.Cryptography;
using Veil.Vision.Quantization.Onnx;

namespace Veil.Vision.Quantization;

/// <summary>
/// Derives a model's int8 QDQ file from its upstream float file and its calibration: prepare the
/// float graph, plan what runs quantized, rewrite. Pure and deterministic: the same two inputs give
/// the same bytes on every machine, so the result's sha256 can be pinned like a download's.
/// </summary>
public static class ModelQuantizer
{
    public static byte[] Quantize(byte[] floatModel, CalibrationFile calibration)
    {
        string sha = Convert.ToHexStringLower(SHA256.HashData(floatModel));
        if (!string.Equals(sha, calibration.FloatSha256, StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"calibration for \"{calibration.Model}\" was measured on float model {calibration.FloatSha256}, not on this file ({sha})");
        var model = FloatGraphPreparation.Prepare(OnnxModelFile.Parse(floatModel, $"model \"{calibration.Model}\""));
        var plan = QuantizationPlan.Build(model.Graph, calibration.KeepFloat.ToHashSet(StringComparer.Ordinal));
        var missing = plan.CalibratedTensors.Where(t => !calibration.Ranges.Any(r => r.Key == t)).ToArray();
        if (missing.Length > 0)
            throw new FormatException($"calibration for \"{calibration.Model}\" lacks the range of {missing.Length} tensors (first: \"{missing[0]}\"): regenerate it with: veil models calibrate {calibration.Model}");
        var ranges = calibration.Ranges.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        QdqRewriter.Rewrite(model.Graph, plan, t => ranges[t], calibration.WeightBits);
        model.MetadataProps.Add(new StringStringEntryProto
        {
            Key = "veil.quantization",
            Value = $"QDQ: int8 weights per output channel{(calibration.WeightBits < 8 ? $" ({calibration.WeightBits} bits used)" : "")}, uint8 activations ({calibration.Method} ranges over {calibration.Runs} runs); from float model sha256 {sha}",
        });
        return OnnxModelFile.Serialize(model);
    }

    /// <summary>
    /// The prepared float graph with every tensor calibration must measure added as an output, and
    /// those tensors' names: what <see cref="ActivationRangeCollector"/> runs.
    /// </summary>
    internal static (byte[] Model, IReadOnlyList<string> Tensors) ForCalibration(byte[] floatModel, IReadOnlySet<string> keepFloat)
    {
        var model = FloatGraphPreparation.Prepare(OnnxModelFile.Parse(floatModel, "float model"));
        var plan = QuantizationPlan.Build(model.Graph, keepFloat);
        var outputs = model.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var tensor in plan.CalibratedTensors)
            if (outputs.Add(tensor))
                model.Graph.Output.Add(new ValueInfoProto { Name = tensor, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = OnnxTensors.Float } } });
        return (OnnxModelFile.Serialize(model), plan.CalibratedTensors);
    }
}
