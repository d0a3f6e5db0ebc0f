using System.Text.Json;

namespace Veil.Server.Tests.Bench;

/// <summary>`veil bench sidecar` runs tiny on both engines and reports every figure; the figures themselves are not asserted (no timed tests).</summary>
public sealed class SidecarBenchTests
{
    [Fact]
    public async Task Reports_ingest_rate_fill_and_endpoint_latencies_for_sqlite_and_postgres_as_json()
    {
        var run = await VeilProcess.RunAsync(TimeSpan.FromMinutes(5), "bench", "sidecar", "--events", "500", "--rows", "5000", "--requests", "20", "--postgres", "--json");
        Assert.True(run.Succeeded, run.StdErr + run.StdOut);
        using var json = JsonDocument.Parse(run.StdOut);
        var root = json.RootElement;
        Assert.Equal(500, root.GetProperty("events").GetInt32());
        Assert.Equal(5000, root.GetProperty("rows").GetInt32());
        var engines = root.GetProperty("engines").EnumerateArray().ToList();
        Assert.Equal(["sqlite", "postgres"], engines.Select(e => e.GetProperty("engine").GetString()));
        foreach (var engine in engines)
        {
            var ingest = engine.GetProperty("ingest");
            Assert.Equal(500, ingest.GetProperty("events").GetInt32());
            Assert.Equal(5, ingest.GetProperty("snapshots").GetInt32());
            Assert.True(ingest.GetProperty("events_per_s").GetDouble() > 0);
            Assert.Equal(4500, engine.GetProperty("fill").GetProperty("rows").GetInt64());
            Assert.Equal(5000, engine.GetProperty("store_rows").GetInt64());
            var latencies = engine.GetProperty("latency_ms").EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!);
            Assert.Contains("GET /api/events (first page)", latencies.Keys);
            Assert.Contains("GET /api/events (camera, kind, from, to)", latencies.Keys);
            Assert.Contains("GET /api/stats (computed)", latencies.Keys);
            Assert.Contains("GET /api/stats (If-None-Match: 304)", latencies.Keys);
            foreach (var latency in latencies.Values)
            {
                Assert.True(latency.GetProperty("requests").GetInt32() >= 5);
                Assert.True(latency.GetProperty("p50").GetDouble() > 0);
                Assert.True(latency.GetProperty("p95").GetDouble() >= latency.GetProperty("p50").GetDouble());
            }
        }
    }
}
