using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Auth;

/// <summary>
/// Users, roles and sessions as clients see them, run once per engine (SQLite, PostgreSQL): each test
/// gets a fresh database and a real sidecar on 127.0.0.1. Cookies are sent by hand (no cookie jar), so
/// each request says exactly which credential it carries.
/// </summary>
public abstract partial class AuthBehaviour : IAsyncLifetime
{
    protected const string Password = "correct horse battery";
    private readonly string _directory = Directory.CreateTempSubdirectory("veil-auth-test-").FullName;
    private HttpClient _http = null!;

    protected TestSidecar Sidecar { get; private set; } = null!;

    protected abstract Task<string> NewDatabaseAsync(string directory);

    /// <summary>Runs a query returning one value on the test's database.</summary>
    protected abstract Task<T?> ScalarAsync<T>(string sql);

    /// <summary>Runs a statement on the test's database, as another process would.</summary>
    protected abstract Task ExecuteAsync(string sql);

    public async Task InitializeAsync()
    {
        Sidecar = await TestSidecar.StartAsync(await NewDatabaseAsync(_directory), Path.Combine(_directory, "media"));
        _http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Sidecar.Instance.Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (Sidecar is not null) await Sidecar.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>One request with exactly the credentials given: a bearer token, a veil_session cookie, the CSRF header.</summary>
    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null, string? bearer = null,
        string? cookie = null, bool csrf = false, string? actor = null, (string Name, string Value)? header = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (cookie is not null) request.Headers.Add("Cookie", "veil_session=" + cookie);
        if (csrf) request.Headers.Add("X-Veil-Request", "1");
        if (actor is not null) request.Headers.Add("X-Veil-Actor", actor);
        if (header is { } extra) request.Headers.Add(extra.Name, extra.Value);
        return await _http.SendAsync(request);
    }

    protected static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>Creates a user with the admin token (as the first admin is made); returns the user JSON.</summary>
    protected async Task<JsonNode> CreateUserAsync(string name, string role, string[]? cameras = null, string password = Password)
    {
        var (status, body) = await ReadAsync(await SendAsync(HttpMethod.Post, "/api/users", Json(new { name, password, role, cameras }), TestSidecar.AdminToken));
        Assert.True(status == HttpStatusCode.Created, $"create {name}: {(int)status} {body?.ToJsonString()}");
        return body!;
    }

    /// <summary>Signs in; returns the session token (the same value as the cookie).</summary>
    protected async Task<string> LoginAsync(string name, string password = Password)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/login", Json(new { name, password }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login {name}: {(int)response.StatusCode} {text}");
        var token = (string)JsonNode.Parse(text)!["token"]!;
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"veil_session={token};", cookie, StringComparison.Ordinal);
        return token;
    }

    /// <summary>Ids of every event a listing shows to these credentials.</summary>
    protected async Task<List<string>> IdsAsync(string query, string? bearer = null, string? cookie = null)
    {
        var (status, body) = await ReadAsync(await SendAsync(HttpMethod.Get, "/api/events?limit=500&" + query, bearer: bearer, cookie: cookie));
        Assert.True(status == HttpStatusCode.OK, $"list {query}: {(int)status} {body?.ToJsonString()}");
        return body!["events"]!.AsArray().Select(e => (string)e!["id"]!).Order(StringComparer.Ordinal).ToList();
    }
}
