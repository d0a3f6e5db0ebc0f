using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Api;

public abstract partial class SidecarBehaviour
{
    [Fact]
    public async Task An_event_posted_twice_is_stored_once_and_reads_back_as_sent()
    {
        var snapshot = Samples.Jpeg();
        var clip = Samples.Mp4();
        var ev = Samples.Event("ev-0001", time: new DateTimeOffset(2025, 6, 2, 10, 15, 30, 250, TimeSpan.FromHours(2)), lat: 52.52, lon: 13.405);

        var (first, firstBody) = await ReadAsync(await Sidecar.PostEventAsync(ev, snapshot, clip));
        var (second, secondBody) = await ReadAsync(await Sidecar.PostEventAsync(ev, snapshot, clip));

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal("created", (string?)firstBody!["result"]);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal("duplicate", (string?)secondBody!["result"]);
        Assert.Equal(1, await CountAsync("id = 'ev-0001'"));

        var stored = await Sidecar.GetJsonAsync("/api/events/ev-0001", admin: true);
        Assert.Equal("cam-1", (string?)stored["camera"]);
        Assert.Equal("tandem_riding", (string?)stored["kind"]);
        Assert.Equal("2025-06-02T08:15:30.250Z", (string?)stored["time"]);
        Assert.Equal(1500, (long)stored["duration_ms"]!);
        Assert.Equal([3L, 7L], stored["track_ids"]!.AsArray().Select(t => (long)t!));
        Assert.Equal(640.5, (double)stored["pixel"]!["x"]!);
        Assert.Equal(52.52, (double)stored["geo"]!["lat"]!);
        Assert.Equal(13.405, (double)stored["geo"]!["lon"]!);
        Assert.Equal(0.9, (double)stored["confidence"]!);
        Assert.Equal(23.5, (double)stored["details"]!["speed_kmh"]!);
        Assert.Equal("pending", (string?)stored["status"]);
        Assert.Equal(Samples.Sha256(snapshot), (string?)stored["snapshot_sha256"]);
        Assert.Equal(Samples.Sha256(clip), (string?)stored["clip_sha256"]);

        using var media = await Sidecar.SendAsync(HttpMethod.Get, (string)stored["clip_url"]!, token: TestSidecar.AdminToken);
        Assert.Equal("video/mp4", media.Content.Headers.ContentType?.MediaType);
        Assert.Equal(clip, await media.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_reused_event_id_with_different_content_is_refused_409_naming_the_fields_and_the_stored_event_is_kept()
    {
        var snapshot = Samples.Jpeg();
        var ev = Samples.Event("ev-reused", time: new DateTimeOffset(2025, 6, 2, 10, 15, 30, 250, TimeSpan.FromHours(2)), lat: 52.52, lon: 13.405);
        Assert.Equal(HttpStatusCode.Created, (await ReadAsync(await Sidecar.PostEventAsync(ev, snapshot))).Status);

        // The same event written differently is still a duplicate: keys in another order, the time in UTC with
        // fewer digits, numbers in exponent form, details reordered, the snapshot named by its hash instead of sent.
        var same = JsonNode.Parse($$"""
            {"details":{"zone":"sidewalk","speed_kmh":2.35e1},"confidence":9e-1,"pixel":{"y":360.250,"x":640.5},"track_ids":[3,7],
             "geo":{"lon":13.405,"lat":52.52},"duration_ms":1500,"time":"2025-06-02T08:15:30.25Z","kind":"tandem_riding","camera":"cam-1",
             "id":"ev-reused","snapshot_sha256":"{{Samples.Sha256(snapshot)}}"}
            """)!.AsObject();
        var (repeat, repeatBody) = await ReadAsync(await Sidecar.PostEventAsync(same));
        Assert.Equal(HttpStatusCode.OK, repeat);
        Assert.Equal("duplicate", (string?)repeatBody!["result"]);

        // A reviewer's correction of the kind is the sidecar's own: the original, delivered again, is still the same event.
        Assert.True((await Sidecar.AdminAsync(HttpMethod.Patch, "/api/events/ev-reused", Json("""{"kind":"wrong_way"}"""))).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await Sidecar.PostEventAsync(ev, snapshot))).Status);

        // Another event under the same id: 409, problem+json naming the id and each field that differs.
        var other = Samples.Event("ev-reused", camera: "cam-2", time: new DateTimeOffset(2025, 6, 2, 10, 15, 30, 250, TimeSpan.FromHours(2)), lat: 52.52, lon: 13.405,
            confidence: 0.5);
        other["details"] = new JsonObject { ["speed_kmh"] = 23.5, ["zone"] = "road" };
        using var conflict = await Sidecar.PostEventAsync(other, Samples.Jpeg());
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await conflict.Content.ReadAsStringAsync())!;
        Assert.Equal(409, (int)problem["status"]!);
        Assert.Equal("ev-reused", (string?)problem["id"]);
        Assert.Equal(["camera", "confidence", "details", "snapshot_sha256"], problem["fields"]!.AsArray().Select(f => (string)f!));
        Assert.Contains("ev-reused", (string?)problem["detail"]);
        Assert.Contains("camera, confidence, details, snapshot_sha256", (string?)problem["detail"]);

        // Nothing of the stored event changed, and the refusal is in the log.
        var stored = await Sidecar.GetJsonAsync("/api/events/ev-reused", admin: true);
        Assert.Equal(("cam-1", 0.9, "sidewalk"), ((string?)stored["camera"], (double)stored["confidence"]!, (string?)stored["details"]!["zone"]));
        Assert.Equal(Samples.Sha256(snapshot), (string?)stored["snapshot_sha256"]);
        Assert.Equal(1, await CountAsync("id = 'ev-reused'"));
        Assert.Contains(Sidecar.Log.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("ev-reused") && l.Contains("camera, confidence, details, snapshot_sha256"));
    }

    [Fact]
    public async Task A_repeat_delivery_may_name_stored_media_by_hash_instead_of_resending_it()
    {
        var snapshot = Samples.Jpeg();
        Assert.Equal(HttpStatusCode.Created, (await ReadAsync(await Sidecar.PostEventAsync(Samples.Event("first"), snapshot))).Status);
        var second = Samples.Event("second");
        second["snapshot_sha256"] = Samples.Sha256(snapshot);

        Assert.Equal(HttpStatusCode.Created, (await ReadAsync(await Sidecar.PostEventAsync(second))).Status);
        Assert.Equal(Samples.Sha256(snapshot), (string?)(await Sidecar.GetJsonAsync("/api/events/second", admin: true))["snapshot_sha256"]);

        var unknown = Samples.Event("third");
        unknown["snapshot_sha256"] = Samples.Sha256(Samples.Jpeg());
        await AssertErrorAsync(await Sidecar.PostEventAsync(unknown), HttpStatusCode.BadRequest, "not stored");
    }

    [Fact]
    public async Task Deliveries_of_the_same_events_racing_each_other_store_each_once()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).SelectMany(i => Enumerable.Repeat(i, 3)).Select(async i =>
        {
            using var response = await Sidecar.PostEventAsync(Samples.Event($"race-{i:D2}", time: Samples.Monday.AddMinutes(i)));
            return (Id: i, response.StatusCode);
        }));

        Assert.All(answers.GroupBy(a => a.Id), g => Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Created], g.Select(a => a.StatusCode).Order()));
        Assert.Equal(40, await CountAsync("id LIKE 'race-%'"));
    }

    public static TheoryData<string, string, string> InvalidEvents => new()
    {
        // name, JSON mutation (field=value as JSON, or -field to remove), expected reason
        { "path in id", "id=\"../../etc/passwd\"", "id" },
        { "blank id", "id=\"\"", "id" },
        { "unknown field", "colour=\"red\"", "colour" },
        { "wrong type", "confidence=\"high\"", "confidence" },
        { "missing field", "-camera", "camera" },
        { "null camera", "camera=null", "camera" },
        { "confidence above 1", "confidence=1.5", "confidence" },
        { "time without a date", "time=\"yesterday\"", "time" },
        { "time in 1970", "time=\"1970-01-01T00:00:00Z\"", "time" },
        { "kind with a quote", "kind=\"a' OR '1'='1\"", "kind" },
        { "latitude off the globe", "geo={\"lat\":91,\"lon\":0}", "lat" },
        { "details not an object", "details=[1,2]", "details" },
        { "negative track id", "track_ids=[-1]", "track_ids" },
        { "hash not hex", "snapshot_sha256=\"../../../../etc/passwd\"", "snapshot_sha256" },
    };

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public async Task An_invalid_event_is_refused_with_its_reason_and_not_stored(string name, string mutation, string reason)
    {
        var ev = Samples.Event("valid-id");
        if (mutation.StartsWith('-')) ev.Remove(mutation[1..]);
        else
        {
            var split = mutation.IndexOf('=');
            ev[mutation[..split]] = JsonNode.Parse(mutation[(split + 1)..]);
        }

        await AssertErrorAsync(await Sidecar.PostEventAsync(ev, Samples.Jpeg()), HttpStatusCode.BadRequest, reason);
        Assert.True(await CountAsync("1 = 1") == 0, name);
    }

    [Fact]
    public async Task Media_that_is_not_what_its_part_says_or_not_its_declared_hash_is_refused()
    {
        await AssertErrorAsync(await Sidecar.PostEventAsync(Samples.Event("a"), Samples.Gif()), HttpStatusCode.BadRequest, "image/jpeg");
        await AssertErrorAsync(await Sidecar.PostEventAsync(Samples.Event("b"), Samples.Jpeg(), snapshotType: "text/html"), HttpStatusCode.BadRequest, "image/jpeg");
        await AssertErrorAsync(await Sidecar.PostEventAsync(Samples.Event("c"), clip: Samples.Jpeg()), HttpStatusCode.BadRequest, "video/mp4");
        var declared = Samples.Event("d");
        declared["snapshot_sha256"] = Samples.Sha256(Samples.Jpeg());
        await AssertErrorAsync(await Sidecar.PostEventAsync(declared, Samples.Jpeg()), HttpStatusCode.BadRequest, "hashes to");

        Assert.Equal(0, await CountAsync("1 = 1"));
        Assert.Empty(Directory.EnumerateFiles(Sidecar.MediaDirectory, "*", SearchOption.AllDirectories));
        Assert.Equal(HttpStatusCode.Created, (await ReadAsync(await Sidecar.PostEventAsync(Samples.Event("e"), clip: Samples.Gif(), clipType: "image/gif"))).Status);
    }

    [Fact]
    public async Task Ingest_needs_the_ingest_token_a_multipart_body_and_at_most_20_MB()
    {
        await AssertErrorAsync(await Sidecar.PostEventAsync(Samples.Event("x"), token: null), HttpStatusCode.Unauthorized, "ingest token");
        await AssertErrorAsync(await Sidecar.PostEventAsync(Samples.Event("x"), token: TestSidecar.AdminToken), HttpStatusCode.Unauthorized, "ingest token");
        await AssertErrorAsync(await Sidecar.SendAsync(HttpMethod.Post, "/api/events", new StringContent(Samples.Event("x").ToJsonString(), Encoding.UTF8,
            "application/json"), TestSidecar.IngestToken), HttpStatusCode.BadRequest, "multipart");

        var unknownPart = new MultipartFormDataContent { { new StringContent(Samples.Event("x").ToJsonString()), "event" }, { new StringContent("1"), "extra" } };
        await AssertErrorAsync(await Sidecar.SendAsync(HttpMethod.Post, "/api/events", unknownPart, TestSidecar.IngestToken), HttpStatusCode.BadRequest, "extra");

        // Content-Length says too much: refused before the body is sent (Expect: 100-continue, as a client sending large bodies should).
        var tooLarge = new MultipartFormDataContent { { new StringContent(Samples.Event("big").ToJsonString()), "event" } };
        tooLarge.Add(new ByteArrayContent(Samples.Jpeg(21 * 1024 * 1024)) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }, "snapshot", "s.jpg");
        var early = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = tooLarge };
        early.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestSidecar.IngestToken);
        early.Headers.ExpectContinue = true;
        await AssertErrorAsync(await Sidecar.Http.SendAsync(early), HttpStatusCode.BadRequest, "20971520");

        // Without Content-Length (chunked) the limit is met while reading.
        var chunked = new MultipartFormDataContent { { new StringContent(Samples.Event("big2").ToJsonString()), "event" } };
        var big = new StreamContent(new MemoryStream(Samples.Jpeg(21 * 1024 * 1024)));
        big.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        chunked.Add(big, "snapshot", "s.jpg");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new ChunkedContent(chunked) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestSidecar.IngestToken);
        request.Headers.ExpectContinue = true;
        var (status, body) = await ReadAsync(await Sidecar.Http.SendAsync(request));
        Assert.True(status == HttpStatusCode.BadRequest, $"{status}: {body}");
        Assert.Equal(0, await CountAsync("1 = 1"));
    }

    /// <summary>Sends its inner content without a Content-Length, as a streaming client would.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly HttpContent inner;

        public ChunkedContent(HttpContent inner)
        {
            this.inner = inner;
            Headers.ContentType = inner.Headers.ContentType; // the multipart boundary
        }

        protected override void SerializeToStream(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
            inner.CopyTo(stream, context, cancellationToken);

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => inner.CopyToAsync(stream, context);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
