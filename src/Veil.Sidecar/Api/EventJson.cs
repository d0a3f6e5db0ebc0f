using System.Text.Json;

namespace Veil.Sidecar.Api;

/// <summary>
/// An event as the stream server posts it (the "event" part of POST /api/events) and as archives
/// carry it. Times are ISO 8601; without an offset they are taken as UTC.
/// </summary>
internal sealed record EventJson
{
    public required string Id { get; init; }
    public required string Camera { get; init; }
    public required string Kind { get; init; }
    public required string Time { get; init; }
    public long DurationMs { get; init; }
    public IReadOnlyList<long> TrackIds { get; init; } = [];
    public required PixelJson Pixel { get; init; }
    public GeoJson? Geo { get; init; }
    public required double Confidence { get; init; }
    public JsonElement? Details { get; init; }

    /// <summary>Optional: when set, the uploaded part must hash to it (or, with no part, the file must already be stored).</summary>
    public string? SnapshotSha256 { get; init; }

    public string? ClipSha256 { get; init; }
}
