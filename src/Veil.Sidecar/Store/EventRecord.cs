namespace Veil.Sidecar.Store;

/// <summary>
/// One stored violation event. Times are UTC with millisecond precision (the database keeps
/// milliseconds since the Unix epoch). <see cref="DetailsJson"/> is a JSON object as text.
/// </summary>
public sealed record EventRecord(
    string Id,
    string Camera,
    string Kind,
    DateTimeOffset OccurredAt,
    long DurationMs,
    IReadOnlyList<long> TrackIds,
    double PixelX,
    double PixelY,
    GeoPoint? Geo,
    double Confidence,
    string DetailsJson,
    string? SnapshotSha256,
    string? ClipSha256,
    EventStatus Status,
    string? Note,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
