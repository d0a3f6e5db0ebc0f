using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Api;

public abstract partial class SidecarBehaviour
{
    [Fact]
    public async Task An_export_imported_into_another_sidecar_brings_events_reviews_and_media_and_a_second_import_changes_nothing()
    {
        var shared = Samples.Jpeg();
        var clip = Samples.Gif();
        await Sidecar.PostEventAsync(Samples.Event("ev-1", lat: 52.5, lon: 13.4), shared, clip, clipType: "image/gif");
        await Sidecar.PostEventAsync(Samples.Event("ev-2", kind: "wrong_way"), shared);
        var deletedSnapshot = Samples.Jpeg();
        await Sidecar.PostEventAsync(Samples.Event("ev-3"), deletedSnapshot);
        await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/ev-1/approve");
        await Sidecar.AdminAsync(HttpMethod.Patch, "/api/events/ev-2", new StringContent("""{"note":"blurred enough?"}""", Encoding.UTF8, "application/json"));
        await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/ev-3/delete");

        await AssertErrorAsync(await Sidecar.SendAsync(HttpMethod.Get, "/api/events/export"), HttpStatusCode.Unauthorized, "admin token");
        using var export = await Sidecar.AdminAsync(HttpMethod.Get, "/api/events/export");
        Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
        var zipBytes = await export.Content.ReadAsByteArrayAsync();
        using (var zip = new ZipArchive(new MemoryStream(zipBytes)))
        {
            var expected = new[] { "events.jsonl" }.Concat(new[] { shared, clip, deletedSnapshot }.Select(m => "media/" + Samples.Sha256(m))).Order(StringComparer.Ordinal);
            Assert.Equal(expected, zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        }

        var otherDirectory = Path.Combine(_directory, "other");
        Directory.CreateDirectory(otherDirectory);
        await using var other = await TestSidecar.StartAsync(await NewDatabaseAsync(otherDirectory), Path.Combine(otherDirectory, "media"));
        await AssertErrorAsync(await other.SendAsync(HttpMethod.Post, "/api/events/import", Zip(zipBytes), TestSidecar.IngestToken),
            HttpStatusCode.Unauthorized, "admin token");
        var (_, first) = await ReadAsync(await other.AdminAsync(HttpMethod.Post, "/api/events/import", Zip(zipBytes)));
        Assert.Equal("3 0 3", $"{first!["created"]} {first["duplicates"]} {first["media"]}");
        var (_, second) = await ReadAsync(await other.AdminAsync(HttpMethod.Post, "/api/events/import", Zip(zipBytes)));
        Assert.Equal("0 3", $"{second!["created"]} {second["duplicates"]}");

        foreach (var id in new[] { "ev-1", "ev-2", "ev-3" })
        {
            var original = (await Sidecar.GetJsonAsync("/api/events/" + id, admin: true)).ToJsonString();
            Assert.Equal(original, (await other.GetJsonAsync("/api/events/" + id, admin: true)).ToJsonString());
        }
        using var media = await other.SendAsync(HttpMethod.Get, "/api/media/" + Samples.Sha256(clip));
        Assert.Equal(clip, await media.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/gif", media.Content.Headers.ContentType?.MediaType);

        using var lines = await Sidecar.AdminAsync(HttpMethod.Get, "/api/events/export?format=jsonl&status=approved");
        var jsonl = await lines.Content.ReadAsStringAsync();
        Assert.Single(jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var (_, third) = await ReadAsync(await other.AdminAsync(HttpMethod.Post, "/api/events/import", new StringContent(jsonl, Encoding.UTF8, "application/x-ndjson")));
        Assert.Equal("0 1", $"{third!["created"]} {third["duplicates"]}");
    }

    [Fact]
    public async Task An_import_with_one_bad_line_stores_nothing_and_names_the_line()
    {
        var good = Samples.ArchiveLine(Samples.Event("good"), "approved").ToJsonString();
        var bad = Samples.ArchiveLine(Samples.Event("bad"), "published").ToJsonString();
        var missingMedia = Samples.Event("no-media");
        missingMedia["snapshot_sha256"] = Samples.Sha256(Samples.Jpeg());
        var body = string.Join('\n', good, bad, Samples.ArchiveLine(missingMedia, "pending").ToJsonString(), "{not json");

        using var response = await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/import", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        var error = (string)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 2: status 'published'", error, StringComparison.Ordinal);
        Assert.Contains("line 3: snapshot", error, StringComparison.Ordinal);
        Assert.Contains("line 4:", error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("1 = 1"));
        await AssertErrorAsync(await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/import", Zip([1, 2, 3])), HttpStatusCode.BadRequest, "not a zip");
    }

    private static ByteArrayContent Zip(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return content;
    }
}
