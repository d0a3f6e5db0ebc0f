using System.Net;
using System.Text;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Auth;

public abstract partial class AuthBehaviour
{
    /// <summary>Every endpoint that writes, or reads what only staff may: method, url, body (JSON unless it says otherwise), least role.</summary>
    public static TheoryData<string, string, string?, string> WriteEndpoints => new()
    {
        { "POST", "/api/events/a-pending/approve", null, "reviewer" },
        { "POST", "/api/events/a-pending/reject", null, "reviewer" },
        { "POST", "/api/events/a-pending/delete", null, "reviewer" },
        { "POST", "/api/events/a-rejected/restore", null, "reviewer" },
        { "PATCH", "/api/events/a-pending", """{"note":"x"}""", "reviewer" },
        { "GET", "/api/events/a-pending/audit", null, "reviewer" },
        { "PUT", "/api/cameras", """[{"name":"cam-x"}]""", "admin" },
        { "POST", "/api/events/import", "ndjson", "admin" },
        { "GET", "/api/events/export", null, "admin" },
        { "GET", "/api/users", null, "admin" },
        { "POST", "/api/users", """{"name":"eve","password":"long enough password","role":"admin"}""", "admin" },
        { "PATCH", "/api/users/otto", """{"role":"admin"}""", "admin" },
        { "DELETE", "/api/users/otto", null, "admin" },
    };

    [Theory]
    [MemberData(nameof(WriteEndpoints))]
    public async Task Staff_endpoints_refuse_the_public_401_and_a_lower_role_403_and_change_nothing(string method, string url, string? body, string role)
    {
        await SeedTwoCamerasAsync();
        await CreateUserAsync("otto", "operator", ["cam-a"]);
        var otto = await LoginAsync("otto");
        if (role == "admin") await CreateUserAsync("rita", "reviewer");
        var lower = role == "admin" ? await LoginAsync("rita") : otto;
        var before = await FingerprintAsync();

        HttpContent? Body() => body is null ? null : body == "ndjson"
            ? new StringContent(Samples.ArchiveLine(Samples.Event("ev-new"), "approved").ToJsonString(), Encoding.UTF8, "application/x-ndjson")
            : new StringContent(body, Encoding.UTF8, "application/json");
        await AssertErrorAsync(await SendAsync(new HttpMethod(method), url, Body()), HttpStatusCode.Unauthorized, "admin token");
        await AssertErrorAsync(await SendAsync(new HttpMethod(method), url, Body(), bearer: TestSidecar.IngestToken), HttpStatusCode.Unauthorized, "admin token");
        await AssertErrorAsync(await SendAsync(new HttpMethod(method), url, Body(), cookie: "forged-or-stale-session-cookie", csrf: true),
            HttpStatusCode.Unauthorized, "admin token");
        await AssertErrorAsync(await SendAsync(new HttpMethod(method), url, Body(), cookie: lower, csrf: true), HttpStatusCode.Forbidden, $"needs the {role} role");

        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task The_public_never_sees_pending_rejected_or_deleted_events_or_their_media()
    {
        var (mediaA, mediaB) = await SeedTwoCamerasAsync();
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/b-approved/delete"))).Status);

        foreach (var (bearer, cookie) in new[] { ((string?)null, (string?)null), (TestSidecar.IngestToken, null), (null, "not-a-session") })
        {
            foreach (var status in new[] { "all", "pending", "rejected", "deleted", "pending,rejected,deleted" })
                Assert.Equal(["a-approved"], await IdsAsync("status=" + status, bearer, cookie));
            foreach (var id in new[] { "a-pending", "a-rejected", "b-pending", "b-approved" })
                Assert.Equal(HttpStatusCode.NotFound, (await ReadAsync(await SendAsync(HttpMethod.Get, "/api/events/" + id, bearer: bearer, cookie: cookie))).Status);
            foreach (var sha in new[] { mediaA, mediaB })
                Assert.Equal(HttpStatusCode.NotFound, (await ReadAsync(await SendAsync(HttpMethod.Get, "/api/media/" + sha, bearer: bearer, cookie: cookie))).Status);
            var stats = (await ReadAsync(await SendAsync(HttpMethod.Get, "/api/stats?status=all", bearer: bearer, cookie: cookie))).Body!;
            Assert.Equal(1, (long)stats["total"]!);
        }
    }

    /// <summary>Counts that any write would move.</summary>
    private async Task<string> FingerprintAsync() => string.Join(',',
        await ScalarAsync<long>("SELECT COUNT(*) FROM events WHERE status = 'pending'"),
        await ScalarAsync<long>("SELECT COUNT(*) FROM events"),
        await ScalarAsync<long>("SELECT COUNT(*) FROM audit_log"),
        await ScalarAsync<long>("SELECT COUNT(*) FROM cameras"),
        await ScalarAsync<long>("SELECT COUNT(*) FROM users WHERE disabled = 0 AND role = 'operator'"),
        await ScalarAsync<long>("SELECT COUNT(*) FROM users"));
}
