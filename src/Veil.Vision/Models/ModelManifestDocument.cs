using System.Text.Json.Serialization;

namespace Veil.Vision.Models;

/// <summary>The JSON root of models.json.</summary>
internal sealed record ModelManifestDocument
{
    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }

    public IReadOnlyList<ModelSpec?>? Models { get; init; }
}
