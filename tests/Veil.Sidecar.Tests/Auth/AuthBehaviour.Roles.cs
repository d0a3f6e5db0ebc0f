using System.Net;
using System.Text.Json.Nodes;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Auth;

public abstract partial class AuthBehaviour
{
    /// <summary>Events on cam-a (pending with a snapshot, approved, rejected) and cam-b (pending with a snapshot, approved); returns the two snapshots' hashes.</summary>
    private async Task<(string CamA, string CamB)> SeedTwoCamerasAsync()
    {
        var a = Samples.Jpeg();
        var b = Samples.Jpeg();
        await Sidecar.PostEventAsync(Samples.Event("a-pending", camera: "cam-a"), a);
        await Sidecar.PostEventAsync(Samples.Event("a-approved", camera: "cam-a"));
        await Sidecar.PostEventAsync(Samples.Event("a-rejected", camera: "cam-a"));
        await Sidecar.PostEventAsync(Samples.Event("b-pending", camera: "cam-b"), b);
        await Sidecar.PostEventAsync(Samples.Event("b-approved", camera: "cam-b"));
        foreach (var (id, action) in new[] { ("a-approved", "approve"), ("a-rejected", "reject"), ("b-approved", "approve") })
            Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await Sidecar.AdminAsync(HttpMethod.Post, $"/api/events/{id}/{action}"))).Status);
        return (Samples.Sha256(a), Samples.Sha256(b));
    }

    [Fact]
    public async Task An_operator_sees_every_status_of_their_own_cameras_only_and_cannot_review()
    {
        var (mediaA, mediaB) = await SeedTwoCamerasAsync();
        await CreateUserAsync("otto", "operator", ["cam-a"]);
        var otto = await LoginAsync("otto");

        Assert.Equal(["a-approved", "a-pending", "a-rejected"], await IdsAsync("status=all", cookie: otto));
        Assert.Equal([], await IdsAsync("status=all&camera=cam-b", cookie: otto));
        Assert.Equal(3, (long)(await ReadAsync(await SendAsync(HttpMethod.Get, "/api/stats?status=all", cookie: otto))).Body!["total"]!);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await SendAsync(HttpMethod.Get, "/api/events/a-rejected", cookie: otto))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ReadAsync(await SendAsync(HttpMethod.Get, "/api/events/b-pending", cookie: otto))).Status);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await SendAsync(HttpMethod.Get, "/api/events/b-approved", cookie: otto))).Status); // public anyway
        using (var own = await SendAsync(HttpMethod.Get, "/api/media/" + mediaA, cookie: otto))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.True(own.Headers.CacheControl is { Private: true, Public: false });
        }
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/api/media/" + mediaB, cookie: otto)).StatusCode);

        foreach (var action in new[] { "approve", "reject", "delete", "restore" })
            await AssertErrorAsync(await SendAsync(HttpMethod.Post, $"/api/events/a-pending/{action}", cookie: otto, csrf: true), HttpStatusCode.Forbidden,
                "needs the reviewer role; otto is operator");
        await AssertErrorAsync(await SendAsync(HttpMethod.Patch, "/api/events/a-pending", Json(new { kind = "x" }), bearer: otto), HttpStatusCode.Forbidden, "reviewer");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/events/a-pending/audit", bearer: otto), HttpStatusCode.Forbidden, "reviewer");
        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM events WHERE status = 'pending' AND camera = 'cam-a'"));
    }

    [Fact]
    public async Task A_reviewer_approves_rejects_deletes_and_restores_and_the_audit_names_them_not_the_header()
    {
        await SeedTwoCamerasAsync();
        await CreateUserAsync("rita", "reviewer");
        var rita = await LoginAsync("rita");

        Assert.Equal(["a-approved", "a-pending", "a-rejected", "b-approved", "b-pending"], await IdsAsync("status=all", bearer: rita));
        foreach (var action in new[] { "approve", "reject", "delete", "restore" })
        {
            var (status, body) = await ReadAsync(await SendAsync(HttpMethod.Post, $"/api/events/b-pending/{action}", cookie: rita, csrf: true, actor: "mallory"));
            Assert.True(status == HttpStatusCode.OK, $"{action}: {(int)status} {body?.ToJsonString()}");
        }
        var (edited, _) = await ReadAsync(await SendAsync(HttpMethod.Patch, "/api/events/b-pending", Json(new { kind = "no_helmet", note = "checked" }), bearer: rita));
        Assert.Equal(HttpStatusCode.OK, edited);

        var audit = (await ReadAsync(await SendAsync(HttpMethod.Get, "/api/events/b-pending/audit", bearer: rita))).Body!.AsArray();
        Assert.Equal(["approve rita", "reject rita", "delete rita", "restore rita", "edit rita"], audit.Select(a => $"{a!["action"]} {a["actor"]}"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE actor = 'mallory'"));

        await AssertErrorAsync(await SendAsync(HttpMethod.Put, "/api/cameras", Json(Array.Empty<object>()), bearer: rita), HttpStatusCode.Forbidden, "admin role");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/users", bearer: rita), HttpStatusCode.Forbidden, "admin role");
    }

    [Fact]
    public async Task The_admin_token_bootstraps_an_admin_who_manages_users_and_every_change_is_audited()
    {
        await CreateUserAsync("ada", "admin");
        var ada = await LoginAsync("ada");

        var (created, otto) = await ReadAsync(await SendAsync(HttpMethod.Post, "/api/users",
            Json(new { name = "otto", password = Password, role = "operator", cameras = new[] { "cam-b", "cam-a" } }), cookie: ada, csrf: true));
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Null(otto!["password_hash"]);
        await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/users", Json(new { name = "otto", password = Password, role = "reviewer" }), bearer: ada),
            HttpStatusCode.Conflict, "exists");
        var users = (await ReadAsync(await SendAsync(HttpMethod.Get, "/api/users", cookie: ada))).Body!.AsArray();
        Assert.Equal(["ada admin", "otto operator cam-a,cam-b"],
            users.Select(u => $"{u!["name"]} {u["role"]}{(u["cameras"]!.AsArray().Count > 0 ? " " + string.Join(',', u["cameras"]!.AsArray()) : "")}"));
        Assert.DoesNotContain("pbkdf2", users.ToJsonString(), StringComparison.Ordinal);

        var ottoSession = await LoginAsync("otto");
        await Sidecar.PostEventAsync(Samples.Event("ev-1", camera: "cam-c"));
        await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/events/ev-1/approve", bearer: ottoSession), HttpStatusCode.Forbidden, "reviewer");
        var (patched, promoted) = await ReadAsync(await SendAsync(HttpMethod.Patch, "/api/users/otto", Json(new { role = "reviewer", cameras = Array.Empty<string>() }),
            bearer: ada));
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal("reviewer", (string?)promoted!["role"]);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await SendAsync(HttpMethod.Post, "/api/events/ev-1/approve", bearer: ottoSession))).Status); // at once

        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await SendAsync(HttpMethod.Patch, "/api/users/otto", Json(new { password = "a brand new password" }),
            bearer: ada))).Status);
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/me", bearer: ottoSession), HttpStatusCode.Unauthorized, "live session"); // a new password ends sessions
        var again = await LoginAsync("otto", "a brand new password");
        var (disabled, gone) = await ReadAsync(await SendAsync(HttpMethod.Delete, "/api/users/otto", cookie: ada, csrf: true));
        Assert.Equal(HttpStatusCode.OK, disabled);
        Assert.True((bool)gone!["disabled"]!);
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/me", bearer: again), HttpStatusCode.Unauthorized, "live session");
        await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/login", Json(new { name = "otto", password = "a brand new password" })),
            HttpStatusCode.Unauthorized, "wrong name or password");
        await AssertErrorAsync(await SendAsync(HttpMethod.Patch, "/api/users/nobody", Json(new { disabled = true }), bearer: ada), HttpStatusCode.NotFound, "no user");

        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'user.create' AND actor = 'admin' AND event_id IS NULL"));
        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'user.create' AND actor = 'ada'"));
        Assert.Equal(3, await ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'user.update' AND actor = 'ada'"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE after LIKE '%pbkdf2%' OR before LIKE '%pbkdf2%'"));
        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'approve' AND actor = 'otto'"));
        var hash = await ScalarAsync<string>("SELECT password_hash FROM users WHERE name = 'otto'");
        Assert.True(Veil.Sidecar.Auth.PasswordHash.Verify("a brand new password", hash!));
        Assert.StartsWith("pbkdf2-sha256$210000$", hash, StringComparison.Ordinal);
    }
}
