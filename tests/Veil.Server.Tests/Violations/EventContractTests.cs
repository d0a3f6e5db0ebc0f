using System.Drawing;
using System.Text.Json;
using Veil.Server.Violations;
using Veil.Sidecar.Api;
using Veil.Sidecar.Contract;
using Veil.Sidecar.Store;
using Veil.Violations.Events;
using MapPoint = Veil.Violations.Calibration.GeoPoint;
using StoredPoint = Veil.Sidecar.Store.GeoPoint;

namespace Veil.Server.Tests.Violations;

/// <summary>
/// The server's event payload and the sidecar's parser share <see cref="EventDocument"/>: what the
/// server writes is what the sidecar stores, field by field, and payloads written before the
/// contract (still waiting in users' outboxes) are written the same today and still parse.
/// </summary>
public sealed class EventContractTests
{
    /// <summary>Written by EventReporter's anonymous object before the contract, for <see cref="Full"/>.</summary>
    private const string OldFullPayload = """
        {"id":"0123456789abcdef0123456789abcdef","camera":"Kreuzung S\u00FCd","kind":"forbidden-zone","time":"2025-06-02T08:15:30.1230000\u002B00:00","duration_ms":1500,"track_ids":[3,7],"pixel":{"x":640.3,"y":361.7},"geo":{"lat":52.520008,"lon":13.404954},"confidence":0.87,"details":{"speed_kmh":23.4,"heading":271.5,"zone":"Fu\u00DFweg \u0022Nord\u0022","riders":2},"snapshot_sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","clip_sha256":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}
        """;

    /// <summary>The same code for <see cref="Sparse"/>: no position, no clip, no measurements.</summary>
    private const string OldSparsePayload = """
        {"id":"fedcba9876543210fedcba9876543210","camera":"cam","kind":"wrong-way","time":"2025-06-02T08:15:30.1230000\u002B00:00","duration_ms":0,"track_ids":[12],"pixel":{"x":0.1,"y":2},"geo":null,"confidence":1,"details":{"speed_kmh":null,"heading":null,"zone":null,"riders":null},"snapshot_sha256":"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","clip_sha256":null}
        """;

    private static readonly DateTimeOffset Time = new(2025, 6, 2, 10, 15, 30, 123, TimeSpan.FromHours(2));
    private static readonly string SnapshotSha = new('a', 64), ClipSha = new('b', 64), SparseSnapshotSha = new('c', 64);

    private static readonly ViolationEvent Full = new("0123456789abcdef0123456789abcdef", "Kreuzung Süd", ViolationKinds.ForbiddenZone, Time,
        TimeSpan.FromMilliseconds(1500.7), [3, 7], new PointF(640.3f, 361.7f), new MapPoint(52.520008, 13.404954), 0.87f,
        new ViolationDetails { SpeedKmh = 23.4, HeadingDegrees = 271.5, Zone = "Fußweg \"Nord\"", Riders = 2 });

    private static readonly ViolationEvent Sparse = new("fedcba9876543210fedcba9876543210", "cam", ViolationKinds.WrongWay, Time,
        TimeSpan.Zero, [12], new PointF(0.1f, 2f), null, 1.2f, ViolationDetails.None);

    [Fact]
    public void The_server_payload_reaches_the_sidecar_store_with_every_field()
    {
        var record = Stored(ViolationEventDocuments.From(Full, SnapshotSha, ClipSha).ToJson());

        Assert.Equal(Full.Id, record.Id);
        Assert.Equal(Full.Camera, record.Camera);
        Assert.Equal(Full.Kind, record.Kind);
        Assert.Equal(Time, record.OccurredAt);
        Assert.Equal(1500, record.DurationMs);
        Assert.Equal([3, 7], record.TrackIds);
        Assert.Equal((640.3, 361.7), (record.PixelX, record.PixelY)); // the floats' decimals, not their binary expansions
        Assert.Equal(new StoredPoint(52.520008, 13.404954), record.Geo);
        Assert.Equal(0.87, record.Confidence);
        AssertSameJson("""{"speed_kmh":23.4,"heading":271.5,"zone":"Fußweg \"Nord\"","riders":2}""", record.DetailsJson);
        Assert.Equal(SnapshotSha, record.SnapshotSha256);
        Assert.Equal(ClipSha, record.ClipSha256);
    }

    [Fact]
    public void The_server_writes_the_payload_byte_for_byte_as_before_the_contract()
    {
        // A replayed episode (same id) must be the same event to the sidecar, not a 409 conflict.
        Assert.Equal(OldFullPayload.Trim(), ViolationEventDocuments.From(Full, SnapshotSha, ClipSha).ToJson());
        Assert.Equal(OldSparsePayload.Trim(), ViolationEventDocuments.From(Sparse, SparseSnapshotSha, null).ToJson());
    }

    [Fact]
    public void A_payload_written_before_the_contract_still_parses_with_every_field()
    {
        var full = Stored(OldFullPayload);
        Assert.Equal((Full.Id, Full.Camera, Full.Kind, Time, 1500L), (full.Id, full.Camera, full.Kind, full.OccurredAt, full.DurationMs));
        Assert.Equal([3, 7], full.TrackIds);
        Assert.Equal((640.3, 361.7, 0.87), (full.PixelX, full.PixelY, full.Confidence));
        Assert.Equal(new StoredPoint(52.520008, 13.404954), full.Geo);
        AssertSameJson("""{"speed_kmh":23.4,"heading":271.5,"zone":"Fußweg \"Nord\"","riders":2}""", full.DetailsJson);
        Assert.Equal((SnapshotSha, ClipSha), (full.SnapshotSha256, full.ClipSha256));

        var sparse = Stored(OldSparsePayload);
        Assert.Equal((Sparse.Id, Sparse.Kind, 0L, 1.0), (sparse.Id, sparse.Kind, sparse.DurationMs, sparse.Confidence));
        Assert.Equal((0.1, 2.0), (sparse.PixelX, sparse.PixelY));
        Assert.Null(sparse.Geo);
        AssertSameJson("""{"speed_kmh":null,"heading":null,"zone":null,"riders":null}""", sparse.DetailsJson);
        Assert.Equal(SparseSnapshotSha, sparse.SnapshotSha256);
        Assert.Null(sparse.ClipSha256);
    }

    /// <summary>Through the sidecar's own ingest path: its strict parser, then its validator.</summary>
    private static EventRecord Stored(string payload)
    {
        var document = SidecarJson.Parse<EventDocument>(payload, "the event part");
        var errors = new List<string>();
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var record = EventDocuments.ToRecord(document, EventStatus.Pending, null, now, now, errors);
        Assert.Empty(errors);
        return record!;
    }

    private static void AssertSameJson(string expected, string actual)
    {
        using var left = JsonDocument.Parse(expected);
        using var right = JsonDocument.Parse(actual);
        Assert.True(JsonElement.DeepEquals(left.RootElement, right.RootElement), $"expected {expected}, stored {actual}");
    }
}
