using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Veil.Sidecar.Tests.Fixtures;

/// <summary>A real sidecar (Kestrel on 127.0.0.1, a free port) and an HTTP client for it, with the tests' tokens.</summary>
public sealed class TestSidecar : IAsyncDisposable
{
    public const string IngestToken = "ingest-token-for-tests-0001";
    public const string AdminToken = "admin-token-for-tests-00002";

    private TestSidecar(SidecarInstance instance, string database, string mediaDirectory, CapturedLog log)
    {
        Log = log;
        Instance = instance;
        Database = database;
        MediaDirectory = mediaDirectory;
        Http = new HttpClient { BaseAddress = instance.Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public SidecarInstance Instance { get; }
    public string Database { get; }
    public string MediaDirectory { get; }
    public HttpClient Http { get; }

    /// <summary>What the sidecar logged so far.</summary>
    public CapturedLog Log { get; }

    public static async Task<TestSidecar> StartAsync(string database, string mediaDirectory)
    {
        var log = new CapturedLog();
        var instance = await SidecarHost.StartAsync(new SidecarSettings("http://127.0.0.1:0", database, mediaDirectory, IngestToken, AdminToken),
            CancellationToken.None, log);
        return new TestSidecar(instance, database, mediaDirectory, log);
    }

    /// <summary>POST /api/events with the event JSON and optional media parts.</summary>
    public Task<HttpResponseMessage> PostEventAsync(JsonObject ev, byte[]? snapshot = null, byte[]? clip = null, string? token = IngestToken,
        string snapshotType = "image/jpeg", string clipType = "video/mp4")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(ev.ToJsonString(), Encoding.UTF8, "application/json"), "event" },
        };
        if (snapshot is not null) form.Add(Part(snapshot, snapshotType), "snapshot", "snapshot.jpg");
        if (clip is not null) form.Add(Part(clip, clipType), "clip", "clip.mp4");
        return SendAsync(HttpMethod.Post, "/api/events", form, token);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null, string? token = null, string? actor = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (actor is not null) request.Headers.Add("X-Veil-Actor", actor);
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> AdminAsync(HttpMethod method, string url, HttpContent? content = null, string actor = "reviewer-1") =>
        SendAsync(method, url, content, AdminToken, actor);

    /// <summary>GET as the public (no token) or as an admin; asserts the status and returns the JSON body.</summary>
    public async Task<JsonNode> GetJsonAsync(string url, bool admin = false, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await SendAsync(HttpMethod.Get, url, token: admin ? AdminToken : null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Stores events with review states through the admin import (JSON lines).</summary>
    public async Task SeedAsync(IEnumerable<JsonObject> archiveLines)
    {
        var body = string.Join('\n', archiveLines.Select(l => l.ToJsonString()));
        using var response = await AdminAsync(HttpMethod.Post, "/api/events/import", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        Assert.True(response.IsSuccessStatusCode, $"seed import: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Every page of a listing followed through next_cursor; returns the ids in order.</summary>
    public async Task<List<string>> AllIdsAsync(string query, bool admin = false, int limit = 50)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await GetJsonAsync($"/api/events?{query}&limit={limit}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), admin);
            ids.AddRange(page["events"]!.AsArray().Select(e => (string)e!["id"]!));
            cursor = (string?)page["next_cursor"];
        }
        while (cursor is not null);
        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Instance.DisposeAsync();
    }

    private static ByteArrayContent Part(byte[] bytes, string type)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(type);
        return part;
    }
}
