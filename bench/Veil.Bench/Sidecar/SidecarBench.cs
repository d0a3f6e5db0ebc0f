using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Veil.Sidecar;

namespace Veil.Bench.Sidecar;

/// <summary>
/// `veil bench sidecar`: an in-process sidecar per engine (SQLite in a temp file; PostgreSQL with
/// --postgres, a throwaway cluster or the given database). Events arrive through the real HTTP ingest
/// endpoint from several clients (1 in 100 with a snapshot), then the store is filled directly to
/// the row count and the public endpoints are timed one request at a time.
/// </summary>
internal sealed class SidecarBench(int events, int rows, int clients, int requests, string? postgres)
{
    private readonly string _ingestToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private readonly string _adminToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public async Task<SidecarBenchReport> RunAsync(TextWriter? progress, CancellationToken ct)
    {
        var results = new List<SidecarBenchReport.Engine>();
        var directory = Directory.CreateTempSubdirectory("veil-bench-sidecar-").FullName;
        try
        {
            results.Add(await RunEngineAsync("sqlite:" + Path.Combine(directory, "events.db"), Path.Combine(directory, "media-sqlite"), progress, ct));
            if (postgres is "")
            {
                progress?.WriteLine("bench: starting a throwaway PostgreSQL cluster ...");
                await using var cluster = await BenchPostgresCluster.StartAsync(ct);
                results.Add(await RunEngineAsync("postgres:" + cluster.ConnectionString, Path.Combine(directory, "media-postgres"), progress, ct));
            }
            else if (postgres is not null)
            {
                results.Add(await RunEngineAsync("postgres:" + postgres, Path.Combine(directory, "media-postgres"), progress, ct));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
        return new SidecarBenchReport(events, rows, clients, results);
    }

    private async Task<SidecarBenchReport.Engine> RunEngineAsync(string database, string media, TextWriter? progress, CancellationToken ct)
    {
        await using var sidecar = await SidecarHost.StartAsync(new SidecarSettings("http://127.0.0.1:0", database, media, _ingestToken, _adminToken), ct);
        var engine = database[..database.IndexOf(':')];
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = sidecar.Url, Timeout = TimeSpan.FromSeconds(60) };
        await RequireEmptyAsync(http, engine, ct);
        await PutCamerasAsync(http, ct);

        progress?.WriteLine($"bench: {engine}: ingesting {events} events over HTTP with {clients} clients ...");
        var ingest = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => IngestAsync(http, c, ct)));
        var ingestSeconds = ingest.Elapsed.TotalSeconds;

        progress?.WriteLine($"bench: {engine}: filling the store to {rows} rows ...");
        var fill = Stopwatch.StartNew();
        await SidecarBulkFill.FillAsync(database, events, rows, ct);
        var fillSeconds = fill.Elapsed.TotalSeconds;

        progress?.WriteLine($"bench: {engine}: timing the endpoints ...");
        var latencies = await SidecarLatency.MeasureAsync(http, _adminToken, requests, ct);
        return new SidecarBenchReport.Engine(engine, ingestSeconds, (events + 99) / 100, Math.Max(0, rows - events), fillSeconds, latencies);
    }

    /// <summary>Client c posts events c, c + clients, ...: pending events, as the stream servers' outboxes deliver them.</summary>
    private async Task IngestAsync(HttpClient http, int client, CancellationToken ct)
    {
        var snapshot = RandomNumberGenerator.GetBytes(4096);
        snapshot[0] = 0xFF; snapshot[1] = 0xD8; snapshot[2] = 0xFF; snapshot[3] = 0xE0;
        for (long i = client; i < events; i += clients)
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(SyntheticEvents.Document($"ingest-{i:D8}", i, Math.Max(events, rows)).ToJson(), Encoding.UTF8, "application/json"), "event" },
            };
            if (i % 100 == 0)
            {
                BitConverter.TryWriteBytes(snapshot.AsSpan(8), i); // a different file each time
                var part = new ByteArrayContent(snapshot);
                part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                form.Add(part, "snapshot", "snapshot.jpg");
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = form };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _ingestToken);
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"ingest of event {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    /// <summary>The bench fills the events table itself: it must start empty (a given PostgreSQL database too).</summary>
    private async Task RequireEmptyAsync(HttpClient http, string engine, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events?status=all&limit=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
        using var response = await http.SendAsync(request, ct);
        if (!(await response.Content.ReadAsStringAsync(ct)).StartsWith("{\"events\":[]", StringComparison.Ordinal))
            throw new InvalidOperationException($"the {engine} database already holds events: the bench needs an empty one");
    }

    private async Task PutCamerasAsync(HttpClient http, CancellationToken ct)
    {
        var cameras = Enumerable.Range(0, SyntheticEvents.Cameras)
            .Select(c => $"{{\"name\":\"{SyntheticEvents.Camera(c)}\",\"address\":\"Bench Street {c + 1}, Springfield\"}}");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/cameras")
        {
            Content = new StringContent("[" + string.Join(',', cameras) + "]", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"PUT /api/cameras answered {(int)response.StatusCode}");
    }
}
