using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Violations;

/// <summary>
/// Two stream servers, each posting to its own sidecar, the two sidecars sharing one real
/// PostgreSQL: every event from both is stored exactly once and visible through either sidecar,
/// and the statistics agree with a count made in SQL.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class SharedStoreTests(ModelsFixture models, ITestOutputHelper log)
{
    private const string IngestToken = "ingest-token-0123456789", AdminToken = "admin-token-0123456789";
    private static readonly Regex Raised = new(@"events: forbidden-zone on \S+ .*\((?<id>[0-9a-f]{32})\)");

    [Fact]
    public async Task Two_servers_and_two_sidecars_on_one_postgresql_store_every_event_once()
    {
        string dir = SharedData.OutDirectory("violations-shared-store");
        if (Directory.Exists(Path.Combine(dir, "run"))) Directory.Delete(Path.Combine(dir, "run"), recursive: true);
        string run = Directory.CreateDirectory(Path.Combine(dir, "run")).FullName;
        string clip = Path.Combine(run, "cyclist.mp4");
        (await FfTools.RunFfmpegAsync(["-y", "-i", SharedData.Video("shehryarusman_Final_Project/person-bicycle-car-detection.mp4"), "-t", "15", "-c", "copy", clip])).EnsureSuccess();
        await using var postgres = await PostgresServer.StartNewAsync();
        string database = await postgres.CreateDatabaseAsync("veil_events");

        var sidecars = new[] { "a", "b" }.Select(name =>
        {
            string url = $"http://127.0.0.1:{LoopbackPort.PickFree()}";
            return (Url: url, Process: VeilProcess.Start(models.Environment, "sidecar", "--url", url, "--database", "postgres:" + database,
                "--media", Path.Combine(run, "media"), "--ingest-token", IngestToken, "--admin-token", AdminToken));
        }).ToList();
        try
        {
            // Two servers (cameras north and south), each delivering to its own sidecar, at the same time; sharing two
            // cores, a frame's detection may take seconds: a long deadline keeps this test about the store, not the gate.
            var runs = await Task.WhenAll(new[] { "north", "south" }.Select((camera, i) =>
            {
                string file = Path.Combine(run, $"{camera}.yaml");
                File.WriteAllText(file, $"name: {camera}\nzones:\n  - {{ name: footpath, kind: forbidden, polygon: [[300, 0], [768, 0], [768, 130], [300, 130]] }}\n");
                return VeilProcess.RunAsync(models.Environment, TimeSpan.FromMinutes(5), "anonymize", clip, "-o", Path.Combine(run, $"{camera}.mp4"), "--camera", file,
                    "--cadence", "every-frame", "--detector-timeout-ms", "15000", "--events", Path.Combine(run, $"outbox-{camera}"), "--sidecar", sidecars[i].Url, "--sidecar-token", IngestToken, "-q");
            }));
            foreach (var r in runs) Assert.True(r.Succeeded, r.StdErr);
            var raised = runs.SelectMany(r => Raised.Matches(r.StdErr).Select(m => m.Groups["id"].Value)).ToList();
            log.WriteLine(string.Join("\n", runs.Select(r => r.StdErr)));
            Assert.Equal(2, raised.Count); // one pass of the cyclist per camera

            foreach (var (url, _) in sidecars)
            {
                using var admin = Client(url, AdminToken);
                var stored = JsonDocument.Parse(await admin.GetStringAsync("/api/events?status=pending")).RootElement.GetProperty("events")
                    .EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
                Assert.Equal(raised.Order(), stored.Order()); // both servers' events, each once, through either sidecar
            }
            using (var admin = Client(sidecars[0].Url, AdminToken))
                foreach (var id in raised) (await admin.PostAsync($"/api/events/{id}/approve", null)).EnsureSuccessStatusCode();

            string counted = (await ChildProcess.RunAsync("psql", ["-h", "127.0.0.1", "-p", postgres.Port.ToString(CultureInfo.InvariantCulture), "-U", PostgresServer.SuperUser,
                "-d", "veil_events", "-tAc", "SELECT count(*) FROM events WHERE status = 'approved'"], TimeSpan.FromSeconds(30))).StdOut.Trim();
            using var anonymous = Client(sidecars[1].Url, null);
            var stats = JsonDocument.Parse(await anonymous.GetStringAsync("/api/stats")).RootElement;
            Assert.Equal(int.Parse(counted, CultureInfo.InvariantCulture), stats.GetProperty("total").GetInt32());
            Assert.Equal(2, stats.GetProperty("by_camera").GetArrayLength());
        }
        finally
        {
            foreach (var (_, process) in sidecars) await process.DisposeAsync();
        }
    }

    private static HttpClient Client(string url, string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(url) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
