using System.Net;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Api;

public abstract partial class SidecarBehaviour
{
    private static readonly string Sha64 = new('a', 64);

    public static TheoryData<string, HttpStatusCode, bool> HostileRequests => new()
    {
        // url (already escaped where it must be), expected status, as admin
        { "/api/events?camera=" + Uri.EscapeDataString("x' OR '1'='1"), HttpStatusCode.OK, false },
        { "/api/events?camera=" + Uri.EscapeDataString("cam-a'; DROP TABLE events; --"), HttpStatusCode.OK, true },
        { "/api/events?place=" + Uri.EscapeDataString("%' OR '1'='1"), HttpStatusCode.OK, false },
        { "/api/events?kind=" + Uri.EscapeDataString("a'; DROP TABLE events;--"), HttpStatusCode.BadRequest, false },
        { "/api/events?status=" + Uri.EscapeDataString("approved' OR 1=1--"), HttpStatusCode.BadRequest, true },
        { "/api/events?from=" + Uri.EscapeDataString("2025-01-01' OR '1'='1"), HttpStatusCode.BadRequest, false },
        { "/api/events?to=" + Uri.EscapeDataString("1; DELETE FROM events"), HttpStatusCode.BadRequest, false },
        { "/api/events?bbox=" + Uri.EscapeDataString("1,2,3,4); DROP TABLE events; --"), HttpStatusCode.BadRequest, false },
        { "/api/events?bbox=" + Uri.EscapeDataString("NaN,0,1,1"), HttpStatusCode.BadRequest, false },
        { "/api/events?limit=" + Uri.EscapeDataString("1; DROP TABLE events"), HttpStatusCode.BadRequest, false },
        { "/api/events?cursor=" + Uri.EscapeDataString("' OR 1=1 --"), HttpStatusCode.BadRequest, false },
        { "/api/events?cursor=" + Uri.EscapeDataString(Convert.ToBase64String("1_x' OR '1'='1"u8)), HttpStatusCode.BadRequest, false },
        { "/api/events?camera=a&camera=b", HttpStatusCode.BadRequest, false },
        { "/api/stats?tz=" + Uri.EscapeDataString("+02:00'; DROP TABLE events; --"), HttpStatusCode.BadRequest, false },
        { "/api/stats?camera=" + Uri.EscapeDataString("cam-a' OR '1'='1"), HttpStatusCode.OK, false },
        { "/api/stats?status=" + Uri.EscapeDataString("deleted) OR (1=1"), HttpStatusCode.BadRequest, true },
        { "/api/events/" + Uri.EscapeDataString("x' OR '1'='1"), HttpStatusCode.BadRequest, true },
        { "/api/events/" + Uri.EscapeDataString("../../etc/passwd"), HttpStatusCode.BadRequest, true },
        { "/api/events/..%2F..%2Fetc%2Fpasswd/audit", HttpStatusCode.BadRequest, true },
        { "/api/media/..%2F..%2F..%2Fetc%2Fpasswd", HttpStatusCode.BadRequest, true },
        { "/api/media/" + Uri.EscapeDataString("../../" + Sha64[6..]), HttpStatusCode.BadRequest, true },
        { "/api/media/" + Sha64.ToUpperInvariant(), HttpStatusCode.BadRequest, true },
        { "/api/media/" + Sha64[1..] + "g", HttpStatusCode.BadRequest, false },
        { "/api/media/" + Sha64, HttpStatusCode.NotFound, true },
        { "/api/media/../../etc/passwd", HttpStatusCode.NotFound, false }, // the client resolves the dots: /etc/passwd, no such endpoint
        { "/api/events/export?format=" + Uri.EscapeDataString("../../x"), HttpStatusCode.BadRequest, true },
    };

    [Theory]
    [MemberData(nameof(HostileRequests))]
    public async Task Injection_and_traversal_attempts_fail_cleanly_and_change_nothing(string url, HttpStatusCode expected, bool admin)
    {
        await Sidecar.SeedAsync(Dataset.Make(10, seed: 5).Select(i => i.ArchiveLine()));
        var before = await CountAsync("1 = 1");

        using var response = await Sidecar.SendAsync(HttpMethod.Get, url, token: admin ? TestSidecar.AdminToken : null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == expected, $"GET {url}: {(int)response.StatusCode} {body}");
        Assert.StartsWith("{", body);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        if (expected == HttpStatusCode.OK && url.StartsWith("/api/events?", StringComparison.Ordinal)) Assert.Equal("[]", System.Text.Json.Nodes.JsonNode.Parse(body)!["events"]!.ToJsonString());
        if (expected == HttpStatusCode.OK && url.StartsWith("/api/stats?", StringComparison.Ordinal)) Assert.Equal(0, (long)System.Text.Json.Nodes.JsonNode.Parse(body)!["total"]!);
        Assert.Equal(before, await CountAsync("1 = 1"));
    }

    [Fact]
    public async Task Hostile_text_in_stored_fields_is_kept_as_text()
    {
        const string camera = "cam'); DROP TABLE events; --";
        Assert.Equal(HttpStatusCode.Created, (await ReadAsync(await Sidecar.PostEventAsync(Samples.Event("ev-1", camera: camera)))).Status);
        await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/ev-1/approve", actor: "x'); DELETE FROM audit_log; --");

        Assert.Equal(["ev-1"], await Sidecar.AllIdsAsync("camera=" + Uri.EscapeDataString(camera)));
        Assert.Equal(camera, (string?)(await Sidecar.GetJsonAsync("/api/events/ev-1"))["camera"]);
        Assert.Equal(1, await ScalarAsync(Sidecar.Database, "SELECT COUNT(*) FROM audit_log WHERE actor = 'x''); DELETE FROM audit_log; --'"));
        await AssertErrorAsync(await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/" + Uri.EscapeDataString("ev-1' OR '1'='1") + "/delete"),
            HttpStatusCode.BadRequest, "not an event id");
        Assert.Equal(1, await CountAsync("status = 'approved'"));
        await AssertErrorAsync(await Sidecar.SendAsync(HttpMethod.Get, "/api/no/such/thing"), HttpStatusCode.NotFound, "no endpoint");
        await AssertErrorAsync(await Sidecar.SendAsync(HttpMethod.Get, "/api/events", token: "guessed-token"), HttpStatusCode.Unauthorized, "not the admin token");
    }
}
