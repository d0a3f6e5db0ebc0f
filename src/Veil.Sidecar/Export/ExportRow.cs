using System.Text.Json;
using Veil.Sidecar.Contract;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Export;

/// <summary>
/// One event as a row of the CSV and XLSX exports: typed values in <see cref="Headers"/> order. The
/// details the rules measure (zone, speed, heading, riders) get columns of their own.
/// </summary>
internal sealed record ExportRow(
    string Id,
    DateTime TimeUtc,
    string Camera,
    string Kind,
    string Status,
    double? Latitude,
    double? Longitude,
    double Confidence,
    string? Zone,
    double? SpeedKmh,
    double? Heading,
    long? Riders,
    string? SnapshotUrl)
{
    public static readonly IReadOnlyList<string> Headers =
        ["id", "time_utc", "camera", "kind", "status", "latitude", "longitude", "confidence", "zone", "speed_kmh", "heading", "riders", "snapshot_url"];

    /// <summary>The row for <paramref name="record"/>; <paramref name="mediaBase"/> is the absolute URL of /api/media/.</summary>
    public static ExportRow From(EventRecord record, string mediaBase)
    {
        using var details = JsonDocument.Parse(record.DetailsJson);
        var root = details.RootElement;
        return new ExportRow(record.Id, record.OccurredAt.UtcDateTime, record.Camera, record.Kind, record.Status.ToName(),
            record.Geo?.Latitude, record.Geo?.Longitude, record.Confidence,
            root.TryGetProperty(EventDetails.Names.Zone, out var zone) && zone.ValueKind == JsonValueKind.String ? zone.GetString() : null,
            Number(root, EventDetails.Names.SpeedKmh), Number(root, EventDetails.Names.Heading),
            root.TryGetProperty(EventDetails.Names.Riders, out var riders) && riders.TryGetInt64(out var count) ? count : null,
            record.SnapshotSha256 is { } sha256 ? mediaBase + sha256 : null);
    }

    private static double? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
