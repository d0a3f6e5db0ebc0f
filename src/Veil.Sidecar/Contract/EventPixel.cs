using System.Text.Json.Serialization;

namespace Veil.Sidecar.Contract;

/// <summary>A position in the camera's picture, in pixels from the top left.</summary>
public sealed record EventPixel([property: JsonPropertyName("x")] double X, [property: JsonPropertyName("y")] double Y);
