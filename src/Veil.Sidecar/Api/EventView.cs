using System.Text.Json;
using System.Text.Json.Serialization;
using Veil.Sidecar.Contract;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Api;

/// <summary>An event as GET answers it; note is shown to reviewers only.</summary>
internal sealed record EventView(
    string Id,
    string Camera,
    string Kind,
    string Time,
    long DurationMs,
    IReadOnlyList<long> TrackIds,
    EventPixel Pixel,
    EventGeo? Geo,
    double Confidence,
    JsonElement Details,
    string? SnapshotSha256,
    string? ClipSha256,
    string? SnapshotUrl,
    string? ClipUrl,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note,
    string CreatedAt,
    string UpdatedAt)
{
    public static EventView From(EventRecord r, bool admin) => new(
        r.Id, r.Camera, r.Kind, ApiTime.Format(r.OccurredAt), r.DurationMs, r.TrackIds, new EventPixel(r.PixelX, r.PixelY),
        r.Geo is { } g ? new EventGeo(g.Latitude, g.Longitude) : null, r.Confidence, JsonDocument.Parse(r.DetailsJson).RootElement.Clone(),
        r.SnapshotSha256, r.ClipSha256, MediaUrl(r.SnapshotSha256), MediaUrl(r.ClipSha256), r.Status.ToName(), admin ? r.Note : null,
        ApiTime.Format(r.CreatedAt), ApiTime.Format(r.UpdatedAt));

    private static string? MediaUrl(string? sha256) => sha256 is null ? null : "/api/media/" + sha256;
}
