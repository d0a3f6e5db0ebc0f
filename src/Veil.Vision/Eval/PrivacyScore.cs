using System.Text.Json.Serialization;

namespace Veil.Vision.Eval;

/// <summary>score.py's summary line, field for field.</summary>
public sealed record PrivacyScore(
    [property: JsonPropertyName("objects")] int Objects,
    [property: JsonPropertyName("covered")] int Covered,
    [property: JsonPropertyName("leak_rate")] double? LeakRate,
    [property: JsonPropertyName("over_redaction_mean")] double? OverRedactionMean,
    [property: JsonPropertyName("images")] int Images,
    [property: JsonPropertyName("images_without_output")] int ImagesWithoutOutput,
    [property: JsonPropertyName("size_mismatch")] int SizeMismatch);
