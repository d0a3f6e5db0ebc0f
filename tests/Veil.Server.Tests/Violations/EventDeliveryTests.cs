using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Veil.Server.Tests.Detection;
using Veil.Server.Tests.Serve;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Violations;

/// <summary>
/// Events are never lost: `veil serve` runs the car-park clip in a loop with a zone on the
/// cyclist's path (one event a pass), the sidecar is killed and restarted while it runs, then the
/// stream server itself is killed with SIGKILL while an event waits in its outbox. Every event the
/// server raised reaches the sidecar, exactly once.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class EventDeliveryTests(ModelsFixture models, ITestOutputHelper log)
{
    private const string IngestToken = "ingest-token-0123456789", AdminToken = "admin-token-0123456789", Token = "serve-admin-token";
    private static readonly Regex Raised = new(@"events: forbidden-zone on cam .*\((?<id>[0-9a-f]{32})\)");

    [Fact]
    public async Task Every_event_arrives_once_through_a_sidecar_restart_and_a_killed_stream_server()
    {
        string dir = SharedData.OutDirectory("violations-delivery");
        foreach (var old in new[] { "outbox", "sidecar" }.Select(d => Path.Combine(dir, d)).Where(Directory.Exists)) Directory.Delete(old, recursive: true);
        string clip = Path.Combine(dir, "cyclist.mp4"), camera = Path.Combine(dir, "car-park.yaml");
        (await FfTools.RunFfmpegAsync(["-y", "-i", SharedData.Video("shehryarusman_Final_Project/person-bicycle-car-detection.mp4"), "-t", "15", "-c", "copy", clip])).EnsureSuccess();
        await File.WriteAllTextAsync(camera, "name: car-park\nzones:\n  - { name: footpath, kind: forbidden, polygon: [[300, 0], [768, 0], [768, 130], [300, 130]] }\n");
        int sidecarPort = LoopbackPort.PickFree();
        string sidecarUrl = $"http://127.0.0.1:{sidecarPort}";
        RunningProcess StartSidecar() => VeilProcess.Start(models.Environment, "sidecar", "--url", sidecarUrl, "--database", "sqlite:" + Path.Combine(dir, "sidecar", "events.db"),
            "--media", Path.Combine(dir, "sidecar", "media"), "--ingest-token", IngestToken, "--admin-token", AdminToken);
        // The stream and its own camera file come from the server's config (a Camera per stream).
        string config = Path.Combine(dir, "serve.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Veil = new { Streams = new[] { new { Name = "cam", Source = clip, Loop = true, Destinations = new[] { Path.Combine(dir, "cam.flv") }, Camera = camera } } },
        }));
        RunningProcess StartServe() => VeilProcess.Start(models.Environment, "serve", "--config", config, "--http", $"http://127.0.0.1:{LoopbackPort.PickFree()}", "--admin-token", Token,
            "--rtmp", "off", "--grpc", "off", "--webrtc", "off",
            "--cadence", "every-frame", "--detector-timeout-ms", "5000", "--events", Path.Combine(dir, "outbox"), "--sidecar", sidecarUrl, "--sidecar-token", IngestToken);
        using var sidecarApi = new HttpClient { BaseAddress = new Uri(sidecarUrl) };
        sidecarApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);

        var sidecar = StartSidecar();
        var serve = StartServe();
        try
        {
            // Pass 1 is delivered while the sidecar runs.
            await WaitAsync(() => Stored(sidecarApi), n => n >= 1, serve, "the first event in the sidecar");
            await sidecar.KillAsync();
            // Pass 2 happens while the sidecar is gone: it waits in the outbox.
            await WaitAsync(() => Task.FromResult(RaisedIds(serve).Count), n => n >= 2, serve, "a second event raised with the sidecar down");
            await sidecar.DisposeAsync();
            sidecar = StartSidecar();
            await WaitAsync(() => Stored(sidecarApi), n => n >= 2, serve, "the second event delivered after the sidecar came back");

            // Pass 3 waits in the outbox when the stream server is killed outright.
            await sidecar.KillAsync();
            await WaitAsync(() => Task.FromResult(RaisedIds(serve).Count), n => n >= 3, serve, "a third event raised with the sidecar down");
            var raised = RaisedIds(serve);
            Assert.Equal(137, await serve.KillAsync());
            await serve.DisposeAsync();
            await sidecar.DisposeAsync();
            sidecar = StartSidecar();
            serve = StartServe(); // the same outbox: what the killed server left is delivered first
            await WaitAsync(() => Stored(sidecarApi), n => n >= raised.Count, serve, "every raised event delivered after the restart");

            var stored = await StoredIds(sidecarApi);
            Assert.Equal(stored.Count, stored.Distinct().Count()); // exactly once
            Assert.Subset(stored.ToHashSet(), raised.ToHashSet()); // every event raised before the kill is there (a later pass may add more)
            log.WriteLine($"raised before the kill: {string.Join(", ", raised)}; stored: {string.Join(", ", stored)}");
        }
        finally
        {
            log.WriteLine(serve.Output);
            await serve.DisposeAsync();
            await sidecar.DisposeAsync();
        }
    }

    private static List<string> RaisedIds(RunningProcess serve) => Raised.Matches(serve.Output).Select(m => m.Groups["id"].Value).Distinct().ToList();

    private static async Task<int> Stored(HttpClient api) => (await StoredIds(api)).Count;

    private static async Task<List<string>> StoredIds(HttpClient api)
    {
        try
        {
            var page = JsonDocument.Parse(await api.GetStringAsync("/api/events?status=pending&limit=100")).RootElement;
            return page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
        }
        catch (HttpRequestException) { return []; } // the sidecar is down or starting
    }

    private static async Task WaitAsync(Func<Task<int>> measure, Func<int, bool> done, RunningProcess serve, string what, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        int last = -1;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(serve.HasExited, "veil serve exited: " + serve.Output);
            last = await measure();
            if (done(last)) return;
            await Task.Delay(300);
        }
        throw new TimeoutException($"waited {seconds} s for {what}; last count {last}; veil serve log:\n{serve.Output}");
    }
}
