using System.Net;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Auth;

public abstract partial class AuthBehaviour
{
    [Fact]
    public async Task Login_sets_an_http_only_strict_cookie_me_answers_and_logout_ends_the_session()
    {
        await CreateUserAsync("rita", "reviewer");

        using var login = await SendAsync(HttpMethod.Post, "/api/login", Json(new { name = "rita", password = Password }));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain http here
        var token = (string)System.Text.Json.Nodes.JsonNode.Parse(await login.Content.ReadAsStringAsync())!["token"]!;
        Assert.Equal(64, (await ScalarAsync<string>("SELECT token_hash FROM sessions"))!.Length);
        Assert.Equal(0, await ScalarAsync<long>($"SELECT COUNT(*) FROM sessions WHERE token_hash = '{token}'")); // only its hash is stored

        foreach (var (bearer, jar) in new[] { ((string?)null, (string?)token), (token, null) })
        {
            var (status, me) = await ReadAsync(await SendAsync(HttpMethod.Get, "/api/me", bearer: bearer, cookie: jar));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("rita", (string?)me!["user"]!["name"]);
            Assert.Equal("reviewer", (string?)me["user"]!["role"]);
            Assert.Null(me["user"]!["password_hash"]);
        }

        using (var secure = await SendAsync(HttpMethod.Post, "/api/login", Json(new { name = "rita", password = Password }), header: ("X-Forwarded-Proto", "https")))
            Assert.Contains("secure", Assert.Single(secure.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);

        await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/logout", cookie: token), HttpStatusCode.Forbidden, "X-Veil-Request");
        using (var logout = await SendAsync(HttpMethod.Post, "/api/logout", cookie: token, csrf: true))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
            Assert.Contains("veil_session=;", Assert.Single(logout.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        }
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/me", cookie: token), HttpStatusCode.Unauthorized, "not signed in");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/me", bearer: token), HttpStatusCode.Unauthorized, "live session");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/me"), HttpStatusCode.Unauthorized, "not signed in");
        Assert.Equal("admin", (string?)(await ReadAsync(await SendAsync(HttpMethod.Get, "/api/me", bearer: TestSidecar.AdminToken))).Body!["role"]);
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_name_and_a_disabled_user_are_all_refused_alike()
    {
        await CreateUserAsync("rita", "reviewer");
        await CreateUserAsync("gone", "reviewer");
        await ReadAsync(await SendAsync(HttpMethod.Delete, "/api/users/gone", bearer: TestSidecar.AdminToken));

        foreach (var (name, password) in new[] { ("rita", "wrong password!"), ("nobody", Password), ("gone", Password) })
        {
            using var response = await SendAsync(HttpMethod.Post, "/api/login", Json(new { name, password }));
            Assert.False(response.Headers.Contains("Set-Cookie"));
            await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "wrong name or password");
        }
        await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/login", Json(new { name = "rita" })), HttpStatusCode.BadRequest, "password");
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM sessions"));
    }

    [Fact]
    public async Task Five_failures_for_a_name_lock_it_out_with_429_even_for_the_right_password()
    {
        await CreateUserAsync("rita", "reviewer");
        for (var i = 0; i < 5; i++)
            await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/login", Json(new { name = "rita", password = $"guess number {i}" })),
                HttpStatusCode.Unauthorized, "wrong name or password");

        using var locked = await SendAsync(HttpMethod.Post, "/api/login", Json(new { name = "rita", password = Password }));
        Assert.True(locked.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 300 }, locked.Headers.RetryAfter?.ToString());
        await AssertErrorAsync(locked, HttpStatusCode.TooManyRequests, "too many failed sign-ins");
    }

    [Fact]
    public async Task Five_failures_from_one_address_lock_it_out_across_names()
    {
        await CreateUserAsync("rita", "reviewer");
        for (var i = 0; i < 5; i++)
            await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/login", Json(new { name = $"guess{i}", password = Password })),
                HttpStatusCode.Unauthorized, "wrong name or password");

        await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/login", Json(new { name = "rita", password = Password })),
            HttpStatusCode.TooManyRequests, "this address");
    }

    [Fact]
    public async Task A_session_slides_while_used_and_ends_when_it_expires()
    {
        await CreateUserAsync("rita", "reviewer");
        var token = await LoginAsync("rita");
        var soon = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds();
        await ExecuteAsync($"UPDATE sessions SET expires_at = {soon}");

        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await SendAsync(HttpMethod.Get, "/api/me", cookie: token))).Status);
        var slid = await ScalarAsync<long>("SELECT expires_at FROM sessions");
        Assert.True(slid > DateTimeOffset.UtcNow.AddHours(7.9).ToUnixTimeMilliseconds(), $"used with a minute left, it should run 8 h again: {slid}");

        await ExecuteAsync($"UPDATE sessions SET expires_at = {DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds()}");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/me", cookie: token), HttpStatusCode.Unauthorized, "not signed in");
        using (var expired = await SendAsync(HttpMethod.Get, "/api/events", cookie: token))
        {
            Assert.Equal(HttpStatusCode.OK, expired.StatusCode); // the public view
            Assert.Contains("veil_session=;", Assert.Single(expired.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal); // the browser forgets it
        }
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/events", bearer: token), HttpStatusCode.Unauthorized, "live session");
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM sessions"));
    }

    [Fact]
    public async Task A_cookie_without_the_csrf_header_cannot_change_anything_but_a_bearer_token_needs_none()
    {
        await Sidecar.PostEventAsync(Samples.Event("ev-1"));
        await CreateUserAsync("rita", "reviewer");
        var token = await LoginAsync("rita");

        await AssertErrorAsync(await SendAsync(HttpMethod.Post, "/api/events/ev-1/approve", cookie: token), HttpStatusCode.Forbidden, "X-Veil-Request: 1");
        await AssertErrorAsync(await SendAsync(HttpMethod.Patch, "/api/events/ev-1", Json(new { note = "x" }), cookie: token), HttpStatusCode.Forbidden, "X-Veil-Request");
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM events WHERE status = 'approved'"));

        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await SendAsync(HttpMethod.Get, "/api/events/ev-1", cookie: token))).Status); // reads need no header
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await SendAsync(HttpMethod.Post, "/api/events/ev-1/approve", cookie: token, csrf: true))).Status);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await SendAsync(HttpMethod.Post, "/api/events/ev-1/reject", bearer: token))).Status);
    }
}
