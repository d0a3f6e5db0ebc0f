using Veil.Vision.Inference;

namespace Veil.Vision.Models;

/// <summary>
/// What `--precision` asked for: one precision for every model (<c>int8</c>, <c>fp32</c>), one per
/// model (<c>text=int8,face=fp32</c>), or nothing, and then each model runs its manifest default.
/// CUDA runs float models (the GPU path is not quantized); int8 is for the CPU.
/// </summary>
public sealed record PrecisionChoice
{
    public static PrecisionChoice Default { get; } = new();

    /// <summary>For every model not named in <see cref="PerModel"/>; null: the manifest's default.</summary>
    public ModelPrecision? All { get; init; }

    public IReadOnlyDictionary<string, ModelPrecision> PerModel { get; init; } = new Dictionary<string, ModelPrecision>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses "auto", "fp32", "int8" or "NAME=PRECISION,..." (mixable: "int8,face=fp32").</summary>
    public static PrecisionChoice Parse(string text)
    {
        ModelPrecision? all = null;
        var perModel = new Dictionary<string, ModelPrecision>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq < 0)
            {
                if (!part.Equals("auto", StringComparison.OrdinalIgnoreCase)) all = ParseOne(part, text);
                continue;
            }
            string name = part[..eq].Trim();
            if (name.Length == 0) throw new FormatException($"--precision \"{text}\": a model name is missing before '='");
            perModel[name] = ParseOne(part[(eq + 1)..].Trim(), text);
        }
        return new PrecisionChoice { All = all, PerModel = perModel };
    }

    private static ModelPrecision ParseOne(string value, string text) => value.ToLowerInvariant() switch
    {
        "fp32" or "float32" or "float" => ModelPrecision.Fp32,
        "int8" => ModelPrecision.Int8,
        _ => throw new FormatException($"--precision \"{text}\": '{value}' is not fp32 or int8 (expected auto, fp32, int8 or NAME=fp32|int8, comma-separated)"),
    };

    /// <summary>The precision <paramref name="spec"/> runs at on <paramref name="device"/>.</summary>
    public ModelPrecision For(ModelSpec spec, InferenceDevice device)
    {
        ModelPrecision? asked = PerModel.TryGetValue(spec.Name, out var p) ? p : All;
        if (asked == ModelPrecision.Int8)
        {
            if (spec.Int8 is null) throw new ModelException($"--precision: model \"{spec.Name}\" has no int8 file in models.json; use fp32 for it", spec.Name);
            if (device == InferenceDevice.Cuda)
                throw new ModelException($"--precision int8 runs on the CPU only: with --device cuda, models run float (use --precision fp32 or auto)", spec.Name);
            return ModelPrecision.Int8;
        }
        if (asked == ModelPrecision.Fp32 || device == InferenceDevice.Cuda || spec.Int8 is not { Default: true }) return ModelPrecision.Fp32;
        return ModelPrecision.Int8;
    }

    /// <summary>The spec of the file that runs: <paramref name="spec"/> itself, or its int8 variant.</summary>
    public ModelSpec Resolve(ModelSpec spec, InferenceDevice device) => For(spec, device) == ModelPrecision.Int8 ? spec.AsInt8() : spec;

    /// <summary>Names of models this choice mentions that the manifest lacks (a typo).</summary>
    public IEnumerable<string> UnknownModels(ModelManifest manifest) => PerModel.Keys.Where(n => !manifest.TryGet(n, out _));
}
