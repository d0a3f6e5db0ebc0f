using System.Text.Json.Serialization;

namespace Veil.Sidecar.Contract;

/// <summary>A WGS 84 position in degrees.</summary>
public sealed record EventGeo([property: JsonPropertyName("lat")] double Lat, [property: JsonPropertyName("lon")] double Lon);
