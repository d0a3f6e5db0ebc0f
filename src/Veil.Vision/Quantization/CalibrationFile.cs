using System.Text.Json;

namespace Veil.Vision.Quantization;

/// <summary>
/// The recipe an int8 model is derived by, kept in git (models/calibration/NAME.json): which float
/// file it is for, how the ranges were measured, which nodes stay float, and the measured
/// [min, max] of every tensor the quantizer needs. Written with a fixed layout so the same ranges
/// give the same bytes (its sha256 is pinned in models.json).
/// </summary>
public sealed record CalibrationFile
{
    public required string Model { get; init; }

    /// <summary>sha256 of the float model the ranges were measured on (its tensor names are that file's).</summary>
    public required string FloatSha256 { get; init; }

    /// <summary>How ranges were chosen (<see cref="CalibrationMethods"/>): minmax, percentile (the central <see cref="Percentile"/> % of each tensor's values) or mse.</summary>
    public required string Method { get; init; }

    public double Percentile { get; init; }

    /// <summary>How many model runs the ranges were measured over, and on what.</summary>
    public int Runs { get; init; }

    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Nodes (by first output) left in float32 although they could run quantized.</summary>
    public IReadOnlyList<string> KeepFloat { get; init; } = [];

    /// <summary>
    /// Bits of each int8 weight used: 8 (±127), or 7 (±63). On CPUs without VNNI (AVX2, AVX-512
    /// without it) ONNX Runtime's u8·s8 kernels add two products in a 16-bit lane, which saturates
    /// beyond 32,767 (255 × 127 × 2 is 64,770; 255 × 63 × 2 is 32,130); a model whose recall suffers
    /// from it keeps 7 bits, which no CPU saturates. Written only when 7, so 8-bit files keep their bytes.
    /// </summary>
    public int WeightBits { get; init; } = 8;

    /// <summary>Tensor name → [min, max], in graph order.</summary>
    public required IReadOnlyList<KeyValuePair<string, (float Min, float Max)>> Ranges { get; init; }

    public (float Min, float Max) RangeOf(string tensor)
    {
        foreach (var (name, range) in Ranges)
            if (name == tensor) return range;
        throw new FormatException($"calibration for \"{Model}\" has no range for tensor \"{tensor}\": regenerate it with: veil models calibrate {Model}");
    }

    public byte[] ToJsonBytes()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("model", Model);
            json.WriteString("float_sha256", FloatSha256);
            json.WriteString("method", Method);
            if (Method == CalibrationMethods.Percentile) json.WriteNumber("percentile", Percentile);
            json.WriteNumber("runs", Runs);
            WriteStrings(json, "sources", Sources);
            WriteStrings(json, "keep_float", KeepFloat);
            if (WeightBits != 8) json.WriteNumber("weight_bits", WeightBits);
            json.WriteStartObject("ranges");
            foreach (var (name, (min, max)) in Ranges)
            {
                json.WriteStartArray(name);
                json.WriteNumberValue(min);
                json.WriteNumberValue(max);
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    /// <summary>Parses a calibration file; every problem is a <see cref="FormatException"/> naming <paramref name="what"/>.</summary>
    public static CalibrationFile Parse(byte[] bytes, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            var ranges = new List<KeyValuePair<string, (float, float)>>();
            foreach (var p in root.GetProperty("ranges").EnumerateObject())
            {
                if (p.Value.GetArrayLength() != 2) throw new FormatException($"range of \"{p.Name}\" must be [min, max]");
                float min = p.Value[0].GetSingle(), max = p.Value[1].GetSingle();
                if (!float.IsFinite(min) || !float.IsFinite(max) || min > max) throw new FormatException($"range of \"{p.Name}\" [{min}, {max}] is not a range");
                ranges.Add(new(p.Name, (min, max)));
            }
            string method = root.GetProperty("method").GetString()!;
            int weightBits = root.TryGetProperty("weight_bits", out var wb) ? wb.GetInt32() : 8;
            if (weightBits is not (7 or 8)) throw new FormatException($"weight_bits {weightBits} must be 7 or 8");
            if (!CalibrationMethods.All.Contains(method)) throw new FormatException($"method \"{method}\" is not one of {string.Join(", ", CalibrationMethods.All)}");
            return new CalibrationFile
            {
                Model = root.GetProperty("model").GetString()!,
                FloatSha256 = root.GetProperty("float_sha256").GetString()!,
                Method = method,
                Percentile = root.TryGetProperty("percentile", out var pc) ? pc.GetDouble() : 0,
                Runs = root.TryGetProperty("runs", out var runs) ? runs.GetInt32() : 0,
                Sources = Strings(root, "sources"),
                KeepFloat = Strings(root, "keep_float"),
                WeightBits = weightBits,
                Ranges = ranges,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"{what} is not a valid calibration file: {e.Message}", e);
        }
    }

    private static string[] Strings(JsonElement root, string name)
        => root.TryGetProperty(name, out var list) ? list.EnumerateArray().Select(v => v.GetString()!).ToArray() : [];
}
