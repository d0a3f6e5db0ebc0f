using System.Net;
using System.Text;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Auth;

public abstract partial class AuthBehaviour
{
    /// <summary>method, url (escaped where it must be), JSON body, expected status; sent with the admin token.</summary>
    public static TheoryData<string, string, string?, HttpStatusCode> HostileUserRequests => new()
    {
        { "PATCH", "/api/users/" + Uri.EscapeDataString("otto' OR '1'='1"), """{"disabled":true}""", HttpStatusCode.BadRequest },
        { "PATCH", "/api/users/..%2F..%2Fetc%2Fpasswd", """{"disabled":true}""", HttpStatusCode.BadRequest },
        { "DELETE", "/api/users/" + Uri.EscapeDataString("x'; DROP TABLE users; --"), null, HttpStatusCode.BadRequest },
        { "DELETE", "/api/users/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", null, HttpStatusCode.BadRequest },
        { "POST", "/api/users", """{"name":"a'; DROP TABLE users;--","password":"long enough password","role":"admin"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/users", """{"name":"../../etc/passwd","password":"long enough password","role":"admin"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/users", """{"name":"eve","password":"long enough password","role":"admin' --"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/users", """{"name":"eve","password":"long enough password","role":"operator","cameras":["ok","bad\u0000"]}""", HttpStatusCode.BadRequest },
        { "POST", "/api/users", """{"name":"eve","password":"long enough password","role":"admin","is_admin":true}""", HttpStatusCode.BadRequest },
        { "PATCH", "/api/users/otto", """{"role":"reviewer') OR 1=1 --"}""", HttpStatusCode.BadRequest },
        { "PATCH", "/api/users/otto", """{"disabled":"1; DROP TABLE sessions"}""", HttpStatusCode.BadRequest },
        { "POST", "/api/login", """{"name":"otto' OR '1'='1","password":"' OR '1'='1"}""", HttpStatusCode.Unauthorized },
        { "POST", "/api/login", """{"name":"../../etc/passwd","password":"x"}""", HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(HostileUserRequests))]
    public async Task Injection_and_traversal_attempts_on_user_parameters_fail_cleanly_and_change_nothing(string method, string url, string? body,
        HttpStatusCode expected)
    {
        await CreateUserAsync("otto", "operator", ["cam-a"]);
        var session = await LoginAsync("otto");
        var before = await FingerprintAsync();

        using var response = await SendAsync(new HttpMethod(method), url, body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
            bearer: url == "/api/login" ? null : TestSidecar.AdminToken);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == expected, $"{method} {url}: {(int)response.StatusCode} {text}");
        Assert.StartsWith("{\"error\":", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", text, StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync());
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await SendAsync(HttpMethod.Get, "/api/me", bearer: session))).Status);
    }

    [Theory]
    [InlineData("' OR '1'='1")]
    [InlineData("x'; DELETE FROM sessions; --")]
    [InlineData("../../../../etc/passwd")]
    [InlineData("%00%27")]
    public async Task Hostile_session_tokens_are_strangers_as_a_cookie_and_as_a_bearer(string token)
    {
        await CreateUserAsync("otto", "operator", ["cam-a"]);
        var session = await LoginAsync("otto");

        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await SendAsync(HttpMethod.Get, "/api/events", cookie: Uri.EscapeDataString(token)))).Status);
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/events", bearer: token), HttpStatusCode.Unauthorized, "live session");
        await AssertErrorAsync(await SendAsync(HttpMethod.Get, "/api/me", bearer: new string('a', 10_000)), HttpStatusCode.Unauthorized, "live session");

        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM sessions"));
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await SendAsync(HttpMethod.Get, "/api/me", cookie: session))).Status);
    }

    [Fact]
    public async Task Hostile_camera_names_for_an_operator_are_kept_as_text()
    {
        const string camera = "cam'); DROP TABLE user_cameras; --";
        await CreateUserAsync("otto", "operator", [camera]);
        await Sidecar.PostEventAsync(Samples.Event("ev-1", camera: camera));
        await Sidecar.PostEventAsync(Samples.Event("ev-2", camera: "cam-a"));
        var otto = await LoginAsync("otto");

        Assert.Equal(["ev-1"], await IdsAsync("status=pending", cookie: otto));
        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM user_cameras WHERE camera = 'cam''); DROP TABLE user_cameras; --'"));
    }
}
