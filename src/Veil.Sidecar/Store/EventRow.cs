using System.Globalization;

namespace Veil.Sidecar.Store;

/// <summary>An events row as Dapper reads and writes it (see <see cref="Columns"/> for the aliases).</summary>
internal sealed class EventRow
{
    /// <summary>The select list, aliased to this class's properties, for a query over <c>events e</c>.</summary>
    public const string Columns =
        "e.id AS Id, e.camera AS Camera, e.kind AS Kind, e.occurred_at AS OccurredAt, e.duration_ms AS DurationMs, "
        + "e.track_ids AS TrackIds, e.pixel_x AS PixelX, e.pixel_y AS PixelY, e.latitude AS Latitude, e.longitude AS Longitude, "
        + "e.confidence AS Confidence, e.details AS Details, e.snapshot_sha256 AS SnapshotSha256, e.clip_sha256 AS ClipSha256, "
        + "e.status AS Status, e.note AS Note, e.created_at AS CreatedAt, e.updated_at AS UpdatedAt";

    public const string Insert =
        "INSERT INTO events (id, camera, kind, occurred_at, duration_ms, track_ids, pixel_x, pixel_y, latitude, longitude, "
        + "confidence, details, snapshot_sha256, clip_sha256, status, note, created_at, updated_at) VALUES (@Id, @Camera, @Kind, "
        + "@OccurredAt, @DurationMs, @TrackIds, @PixelX, @PixelY, @Latitude, @Longitude, @Confidence, @Details, @SnapshotSha256, "
        + "@ClipSha256, @Status, @Note, @CreatedAt, @UpdatedAt) ON CONFLICT (id) DO NOTHING";

    public string Id { get; set; } = "";
    public string Camera { get; set; } = "";
    public string Kind { get; set; } = "";
    public long OccurredAt { get; set; }
    public long DurationMs { get; set; }
    public string TrackIds { get; set; } = "";
    public double PixelX { get; set; }
    public double PixelY { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public double Confidence { get; set; }
    public string Details { get; set; } = "{}";
    public string? SnapshotSha256 { get; set; }
    public string? ClipSha256 { get; set; }
    public string Status { get; set; } = "";
    public string? Note { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }

    public static EventRow From(EventRecord r) => new()
    {
        Id = r.Id,
        Camera = r.Camera,
        Kind = r.Kind,
        OccurredAt = UnixTime.Ms(r.OccurredAt),
        DurationMs = r.DurationMs,
        TrackIds = string.Join(',', r.TrackIds.Select(t => t.ToString(CultureInfo.InvariantCulture))),
        PixelX = r.PixelX,
        PixelY = r.PixelY,
        Latitude = r.Geo?.Latitude,
        Longitude = r.Geo?.Longitude,
        Confidence = r.Confidence,
        Details = r.DetailsJson,
        SnapshotSha256 = r.SnapshotSha256,
        ClipSha256 = r.ClipSha256,
        Status = r.Status.ToName(),
        Note = r.Note,
        CreatedAt = UnixTime.Ms(r.CreatedAt),
        UpdatedAt = UnixTime.Ms(r.UpdatedAt),
    };

    public EventRecord ToRecord() => new(
        Id, Camera, Kind, UnixTime.FromMs(OccurredAt), DurationMs,
        TrackIds.Length == 0 ? [] : TrackIds.Split(',').Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray(),
        PixelX, PixelY,
        Latitude is { } lat && Longitude is { } lon ? new GeoPoint(lat, lon) : null,
        Confidence, Details, SnapshotSha256, ClipSha256, EventStatusNames.Parse(Status), Note,
        UnixTime.FromMs(CreatedAt), UnixTime.FromMs(UpdatedAt));
}
