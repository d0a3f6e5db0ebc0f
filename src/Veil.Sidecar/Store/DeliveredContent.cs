using System.Text.Json;

namespace Veil.Sidecar.Store;

/// <summary>
/// Whether an event delivered under an id already stored is that same event again (at-least-once
/// delivery resends it: 200 duplicate) or another one reusing the id (409).
/// "Same content" is decided field by field on the event as stored, never on the JSON text, whose
/// key order, spacing, escapes and number forms vary between senders and resends:
/// <list type="bullet">
/// <item>camera and kind: the same text (kind as first delivered: a reviewer's edit is the sidecar's
/// own change, and the original sent again is still the same event);</item>
/// <item>time: the same instant to the millisecond the store keeps, whatever the offset it was written in;</item>
/// <item>duration_ms, pixel, geo (or its absence), confidence: the same numbers, exactly (a number
/// parses to the same double however it is written, and both engines store doubles);</item>
/// <item>track_ids: the same ids, in any order (the order means nothing);</item>
/// <item>details: the same JSON value, with objects compared member by member in any order and
/// numbers by value (absent, null and {} are all the empty object);</item>
/// <item>snapshot_sha256, clip_sha256: the same media, by content hash (sent again or named by hash), or none on both.</item>
/// </list>
/// Status, note and the created/updated times are the sidecar's own and are not compared.
/// </summary>
internal static class DeliveredContent
{
    /// <summary>The API names of the fields where <paramref name="sent"/> is not <paramref name="stored"/>; empty when it is the same event.</summary>
    public static IReadOnlyList<string> Differences(EventRecord stored, string deliveredKind, EventRecord sent)
    {
        var differences = new List<string>();
        void Compare(string field, bool same)
        {
            if (!same) differences.Add(field);
        }

        Compare("camera", stored.Camera == sent.Camera);
        Compare("kind", deliveredKind == sent.Kind);
        Compare("time", UnixTime.Ms(stored.OccurredAt) == UnixTime.Ms(sent.OccurredAt));
        Compare("duration_ms", stored.DurationMs == sent.DurationMs);
        Compare("track_ids", stored.TrackIds.Order().SequenceEqual(sent.TrackIds.Order()));
        Compare("pixel", stored.PixelX == sent.PixelX && stored.PixelY == sent.PixelY);
        Compare("geo", stored.Geo == sent.Geo);
        Compare("confidence", stored.Confidence == sent.Confidence);
        Compare("details", SameJson(stored.DetailsJson, sent.DetailsJson));
        Compare("snapshot_sha256", stored.SnapshotSha256 == sent.SnapshotSha256);
        Compare("clip_sha256", stored.ClipSha256 == sent.ClipSha256);
        return differences;
    }

    private static bool SameJson(string a, string b)
    {
        using var left = JsonDocument.Parse(a);
        using var right = JsonDocument.Parse(b);
        return JsonElement.DeepEquals(left.RootElement, right.RootElement);
    }
}
