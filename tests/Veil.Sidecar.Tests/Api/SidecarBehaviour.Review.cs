using System.Net;
using System.Text;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Api;

public abstract partial class SidecarBehaviour
{
    [Fact]
    public async Task The_public_sees_an_event_and_its_media_only_while_it_is_approved()
    {
        var snapshot = Samples.Jpeg();
        var sha = Samples.Sha256(snapshot);
        await Sidecar.PostEventAsync(Samples.Event("ev-1"), snapshot);
        await Sidecar.PostEventAsync(Samples.Event("ev-2"));

        async Task AssertPublic(bool visible)
        {
            var ids = await Sidecar.AllIdsAsync("status=pending");
            Assert.Equal(visible ? ["ev-1"] : [], ids);
            using var one = await Sidecar.SendAsync(HttpMethod.Get, "/api/events/ev-1");
            Assert.Equal(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, one.StatusCode);
            using var media = await Sidecar.SendAsync(HttpMethod.Get, "/api/media/" + sha);
            Assert.Equal(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, media.StatusCode);
            if (visible) Assert.Equal(snapshot, await media.Content.ReadAsByteArrayAsync());
        }

        await AssertPublic(visible: false);
        Assert.Equal(["ev-1", "ev-2"], await Sidecar.AllIdsAsync("status=pending", admin: true));

        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/ev-1/approve", actor: "alice"))).Status);
        await AssertPublic(visible: true);
        using (var media = await Sidecar.SendAsync(HttpMethod.Get, "/api/media/" + sha))
        {
            Assert.Equal("image/jpeg", media.Content.Headers.ContentType?.MediaType);
            Assert.Equal("\"" + sha + "\"", media.Headers.ETag?.Tag);
        }

        await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/ev-1/reject", actor: "bob");
        await AssertPublic(visible: false);
        await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/ev-1/delete", actor: "bob");
        Assert.Equal(["ev-1"], await Sidecar.AllIdsAsync("status=deleted", admin: true));
        var (_, restored) = await ReadAsync(await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/ev-1/restore", actor: "carol"));
        Assert.Equal("pending", (string?)restored!["status"]);
        await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/ev-1/approve", actor: "carol");
        await AssertPublic(visible: true);

        var audit = (await Sidecar.GetJsonAsync("/api/events/ev-1/audit", admin: true)).AsArray();
        Assert.Equal(["approve alice pending>approved", "reject bob approved>rejected", "delete bob rejected>deleted", "restore carol deleted>pending",
            "approve carol pending>approved"],
            audit.Select(a => $"{a!["action"]} {a["actor"]} {Status((string)a["before"]!)}>{Status((string)a["after"]!)}"));
        Assert.Equal(5, await ScalarAsync(Sidecar.Database, "SELECT COUNT(*) FROM audit_log WHERE event_id = 'ev-1'"));
        Assert.Equal(0, await ScalarAsync(Sidecar.Database, "SELECT COUNT(*) FROM audit_log WHERE event_id = 'ev-2'"));
    }

    [Fact]
    public async Task Review_actions_are_refused_from_statuses_they_do_not_apply_to()
    {
        await Sidecar.PostEventAsync(Samples.Event("ev-1"));
        await AssertErrorAsync(await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/ev-1/restore"), HttpStatusCode.Conflict, "cannot restore an event that is pending");
        await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/ev-1/delete");
        await AssertErrorAsync(await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/ev-1/approve"), HttpStatusCode.Conflict, "deleted");
        await AssertErrorAsync(await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/ev-1/publish"), HttpStatusCode.NotFound, "publish");
        await AssertErrorAsync(await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/nope/approve"), HttpStatusCode.NotFound, "nope");
        await AssertErrorAsync(await Sidecar.SendAsync(HttpMethod.Post, "/api/events/ev-1/restore"), HttpStatusCode.Unauthorized, "admin token");
        await AssertErrorAsync(await Sidecar.SendAsync(HttpMethod.Post, "/api/events/ev-1/restore", token: TestSidecar.IngestToken),
            HttpStatusCode.Unauthorized, "admin token");
        Assert.Equal(1, await CountAsync("status = 'deleted'"));
        Assert.Equal(1, await ScalarAsync(Sidecar.Database, "SELECT COUNT(*) FROM audit_log"));
    }

    [Fact]
    public async Task An_edit_changes_kind_and_note_with_an_audit_row_and_the_note_stays_with_reviewers()
    {
        await Sidecar.PostEventAsync(Samples.Event("ev-1"));
        await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/ev-1/approve");
        var (status, edited) = await ReadAsync(await Sidecar.AdminAsync(HttpMethod.Patch, "/api/events/ev-1",
            Json("""{"kind":"wrong_way","note":"two riders, one scooter"}"""), actor: "dana"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("wrong_way", (string?)edited!["kind"]);
        Assert.Equal("two riders, one scooter", (string?)(await Sidecar.GetJsonAsync("/api/events/ev-1", admin: true))["note"]);
        var publicView = await Sidecar.GetJsonAsync("/api/events/ev-1");
        Assert.Equal("wrong_way", (string?)publicView["kind"]);
        Assert.False(publicView.AsObject().ContainsKey("note"));

        var last = (await Sidecar.GetJsonAsync("/api/events/ev-1/audit", admin: true)).AsArray()[^1]!;
        Assert.Equal("edit", (string?)last["action"]);
        Assert.Equal("dana", (string?)last["actor"]);
        Assert.Equal("""{"kind":"tandem_riding","note":null}""", (string?)last["before"]);
        Assert.Equal("""{"kind":"wrong_way","note":"two riders, one scooter"}""", (string?)last["after"]);

        await AssertErrorAsync(await Sidecar.AdminAsync(HttpMethod.Patch, "/api/events/ev-1", Json("""{"kind":"wrong_way"}""")), HttpStatusCode.Conflict, "changes nothing");
        await AssertErrorAsync(await Sidecar.AdminAsync(HttpMethod.Patch, "/api/events/ev-1", Json("""{"status":"approved"}""")), HttpStatusCode.BadRequest, "status");
        await AssertErrorAsync(await Sidecar.AdminAsync(HttpMethod.Patch, "/api/events/ev-1", Json("""{"kind":"x'; DROP TABLE events; --"}""")), HttpStatusCode.BadRequest, "kind");
        Assert.Equal(1, await CountAsync("kind = 'wrong_way'"));
    }

    [Fact]
    public async Task Cameras_are_listed_publicly_and_changed_by_admins_with_an_audit_row()
    {
        var cameras = Json("""[{"name":"cam-1","address":"Main Street 1, Springfield","model":"Axis P1448","latitude":52.5,"longitude":13.4},{"name":"cam-2"}]""");
        await AssertErrorAsync(await Sidecar.SendAsync(HttpMethod.Put, "/api/cameras", cameras, TestSidecar.IngestToken), HttpStatusCode.Unauthorized, "admin");
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await Sidecar.AdminAsync(HttpMethod.Put, "/api/cameras", cameras, actor: "erin"))).Status);
        await Sidecar.AdminAsync(HttpMethod.Put, "/api/cameras", Json("""[{"name":"cam-2","address":"Harbour Road"}]"""));
        await AssertErrorAsync(await Sidecar.AdminAsync(HttpMethod.Put, "/api/cameras", Json("""[{"name":"cam-3","latitude":95,"longitude":0}]""")),
            HttpStatusCode.BadRequest, "latitude");

        var listed = (await Sidecar.GetJsonAsync("/api/cameras")).AsArray();
        Assert.Equal(["cam-1 Main Street 1, Springfield 52.5", "cam-2 Harbour Road "],
            listed.Select(c => $"{c!["name"]} {c["address"]} {c["latitude"]}"));
        Assert.Equal(3, await ScalarAsync(Sidecar.Database, "SELECT COUNT(*) FROM audit_log WHERE action = 'camera' AND event_id IS NULL"));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Status(string auditJson) => (string)System.Text.Json.Nodes.JsonNode.Parse(auditJson)!["status"]!;
}
