using System.Text.Json;
using Veil.Sidecar.Contract;
using Veil.Sidecar.Media;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Api;

/// <summary>Between <see cref="EventDocument"/> (the wire) and <see cref="EventRecord"/> (the store), checking every field on the way in.</summary>
internal static class EventDocuments
{
    public const long MaxDurationMs = 86_400_000;
    public const int MaxTrackIds = 64;
    public const int MaxDetailsBytes = 16 * 1024;
    private const double MaxPixel = 100_000;

    /// <summary>The record for <paramref name="document"/>, or null with the reasons added to <paramref name="errors"/>.</summary>
    public static EventRecord? ToRecord(EventDocument document, EventStatus status, string? note, DateTimeOffset createdAt, DateTimeOffset updatedAt, List<string> errors)
    {
        var before = errors.Count;
        void Check(bool ok, string reason)
        {
            if (!ok) errors.Add(reason);
        }

        Check(EventIds.IsValid(document.Id), $"id '{Clip(document.Id)}' must be 1-{EventIds.MaxLength} of A-Z a-z 0-9 . _ : - starting with a letter or digit");
        Check(FieldRules.IsCamera(document.Camera), $"camera must be 1-{FieldRules.MaxCameraLength} printable characters without leading or trailing blanks");
        Check(FieldRules.IsKind(document.Kind), $"kind '{Clip(document.Kind)}' must be 1-{FieldRules.MaxKindLength} of A-Z a-z 0-9 _ . -");
        Check(ApiTime.TryParse(document.Time, out var time), $"time '{Clip(document.Time)}' must be an ISO 8601 time between {ApiTime.FirstYear} and {ApiTime.LastYear}");
        Check(document.DurationMs is >= 0 and <= MaxDurationMs, $"duration_ms must be 0 to {MaxDurationMs}");
        Check(document.TrackIds.Count <= MaxTrackIds && document.TrackIds.All(t => t >= 0), $"track_ids must be at most {MaxTrackIds} non-negative integers");
        Check(document.Pixel.X is >= 0 and <= MaxPixel && document.Pixel.Y is >= 0 and <= MaxPixel, $"pixel x and y must be 0 to {MaxPixel}");
        Check(document.Geo is null || new GeoPoint(document.Geo.Lat, document.Geo.Lon).IsValid, "geo lat must be -90 to 90 and lon -180 to 180");
        Check(document.Confidence is >= 0 and <= 1, "confidence must be 0 to 1");
        Check(document.Details is null || document.Details.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null, "details must be a JSON object");
        var details = document.Details is { ValueKind: JsonValueKind.Object } d ? d.GetRawText() : "{}";
        Check(details.Length <= MaxDetailsBytes, $"details must be at most {MaxDetailsBytes} bytes of JSON");
        Check(document.SnapshotSha256 is null || MediaStore.IsValidName(document.SnapshotSha256), "snapshot_sha256 must be 64 lowercase hex characters");
        Check(document.ClipSha256 is null || MediaStore.IsValidName(document.ClipSha256), "clip_sha256 must be 64 lowercase hex characters");
        Check(FieldRules.IsText(note, FieldRules.MaxNoteLength), $"note must be at most {FieldRules.MaxNoteLength} characters without control characters");
        if (errors.Count > before) return null;

        return new EventRecord(document.Id, document.Camera, document.Kind, time, document.DurationMs, document.TrackIds.ToArray(),
            document.Pixel.X, document.Pixel.Y, document.Geo is null ? null : new GeoPoint(document.Geo.Lat, document.Geo.Lon), document.Confidence, details,
            document.SnapshotSha256, document.ClipSha256, status, string.IsNullOrEmpty(note) ? null : note, createdAt, updatedAt);
    }

    public static EventDocument ToDocument(EventRecord record) => new()
    {
        Id = record.Id,
        Camera = record.Camera,
        Kind = record.Kind,
        Time = ApiTime.Format(record.OccurredAt),
        DurationMs = record.DurationMs,
        TrackIds = record.TrackIds,
        Pixel = new EventPixel(record.PixelX, record.PixelY),
        Geo = record.Geo is { } g ? new EventGeo(g.Latitude, g.Longitude) : null,
        Confidence = record.Confidence,
        Details = JsonDocument.Parse(record.DetailsJson).RootElement.Clone(),
        SnapshotSha256 = record.SnapshotSha256,
        ClipSha256 = record.ClipSha256,
    };

    /// <summary>Echoes of bad input are cut short, so an error message cannot be used to reflect a large payload.</summary>
    private static string Clip(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
