using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Veil.Sidecar.Contract;

/// <summary>
/// The violation event document, defined here once: the stream server writes it into its outbox and
/// posts it (the "event" part of POST /api/events), the sidecar parses it and carries it in its
/// archives, and the bench generates it. Wire names are pinned on each property, so whatever
/// serializer options a reader or writer uses, the names stay as they are: a rename here would strand
/// the events already waiting in users' outboxes. Times are ISO 8601; without an offset, UTC.
/// </summary>
/// <remarks>
/// A shared record rather than a .proto: the document is JSON at every step (outbox rows, the ingest
/// part, archive lines), the server already references this assembly, and proto3's JSON mapping
/// names fields in lowerCamelCase, so a .proto would add generated code on both sides and a json_name
/// on every field for one message.
/// </remarks>
public sealed record EventDocument
{
    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("camera")] public required string Camera { get; init; }

    [JsonPropertyName("kind")] public required string Kind { get; init; }

    /// <summary>Text, not a parsed time, so the sidecar can name a malformed one in its answer (see <see cref="FormatTime"/>).</summary>
    [JsonPropertyName("time")] public required string Time { get; init; }

    [JsonPropertyName("duration_ms")] public long DurationMs { get; init; }

    [JsonPropertyName("track_ids")] public IReadOnlyList<long> TrackIds { get; init; } = [];

    [JsonPropertyName("pixel")] public required EventPixel Pixel { get; init; }

    [JsonPropertyName("geo")] public EventGeo? Geo { get; init; }

    [JsonPropertyName("confidence")] public required double Confidence { get; init; }

    /// <summary>A free JSON object, stored as sent; Veil's own rules write <see cref="EventDetails"/> into it.</summary>
    [JsonPropertyName("details")] public JsonElement? Details { get; init; }

    /// <summary>Optional: when set, the uploaded part must hash to it (or, with no part, the file must already be stored).</summary>
    [JsonPropertyName("snapshot_sha256")] public string? SnapshotSha256 { get; init; }

    [JsonPropertyName("clip_sha256")] public string? ClipSha256 { get; init; }

    /// <summary>The time as the stream server has always written it (round-trip "O", UTC).</summary>
    public static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public string ToJson() => JsonSerializer.Serialize(this);
}
