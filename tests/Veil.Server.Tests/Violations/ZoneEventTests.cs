using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OpenCvSharp;
using Veil.Core.Detections;
using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Veil.Vision.Detectors;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Violations;

/// <summary>
/// The real clip of a car park with a cyclist, a forbidden zone drawn on the cyclist's path:
/// `veil anonymize --events --sidecar` raises a zone event whose snapshot shows no face, the outbox
/// delivers it to a real `veil sidecar`, and the API shows it pending, then public once approved,
/// and counted in the statistics.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class ZoneEventTests(ModelsFixture models, ITestOutputHelper log)
{
    private const string IngestToken = "ingest-token-0123456789", AdminToken = "admin-token-0123456789";

    [Fact]
    public async Task A_cyclist_in_a_forbidden_zone_becomes_an_anonymized_event_in_the_sidecar()
    {
        string dir = SharedData.OutDirectory("violations-zone");
        foreach (var old in new[] { "outbox", "sidecar" }.Select(d => Path.Combine(dir, d)).Where(Directory.Exists)) Directory.Delete(old, recursive: true);
        string camera = Path.Combine(dir, "car-park.yaml");
        await File.WriteAllTextAsync(camera, """
            name: car-park
            address: Car park, test site
            position: [47.6101, -122.2015]
            calibration:   # the picture's corners on the ground: about 38 x 21 m seen from above
              - { pixel: [0, 0], geo: [47.61020, -122.20050] }
              - { pixel: [768, 0], geo: [47.61020, -122.20000] }
              - { pixel: [768, 432], geo: [47.61001, -122.20000] }
              - { pixel: [0, 432], geo: [47.61001, -122.20050] }
            zones:
              - name: footpath
                kind: forbidden
                polygon: [[300, 0], [768, 0], [768, 130], [300, 130]]
            """);
        string clip = SharedData.Video("shehryarusman_Final_Project/person-bicycle-car-detection.mp4");
        int port = LoopbackPort.PickFree();
        string sidecarUrl = $"http://127.0.0.1:{port}";
        await using var sidecar = VeilProcess.Start(models.Environment, "sidecar", "--url", sidecarUrl, "--database", "sqlite:" + Path.Combine(dir, "sidecar", "events.db"),
            "--media", Path.Combine(dir, "sidecar", "media"), "--ingest-token", IngestToken, "--admin-token", AdminToken);

        // The cyclist rides through the zone between 10 and 14 s; objects every frame, since the cyclist is small.
        var run = await VeilProcess.RunAsync(models.Environment, TimeSpan.FromMinutes(5), "anonymize", clip, "-o", Path.Combine(dir, "anonymized.mp4"), "--duration", "15",
            "--camera", camera, "--cadence", "every-frame", "--detector-timeout-ms", "5000", "--events", Path.Combine(dir, "outbox"), "--sidecar", sidecarUrl, "--sidecar-token", IngestToken, "-q");
        log.WriteLine(run.StdErr);
        Assert.True(run.Succeeded, run.StdErr);
        Assert.Contains("violation rule forbidden-zone: available", run.StdErr);
        Assert.Contains("violation rule speeding: available", run.StdErr); // calibrated: ground speed is known

        using var admin = new HttpClient { BaseAddress = new Uri(sidecarUrl) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        var pending = JsonDocument.Parse(await admin.GetStringAsync("/api/events?status=pending")).RootElement.GetProperty("events");
        var zoneEvent = Assert.Single(pending.EnumerateArray(), e => e.GetProperty("kind").GetString() == "forbidden-zone");
        Assert.Equal("forbidden-zone", zoneEvent.GetProperty("kind").GetString());
        Assert.Equal("car-park", zoneEvent.GetProperty("camera").GetString());
        Assert.Equal("footpath", zoneEvent.GetProperty("details").GetProperty("zone").GetString());
        Assert.InRange(zoneEvent.GetProperty("pixel").GetProperty("x").GetDouble(), 300, 768);
        Assert.InRange(zoneEvent.GetProperty("geo").GetProperty("lat").GetDouble(), 47.61001, 47.61020); // mapped through the homography

        // The snapshot is the published frame: the cyclist is there, no face is.
        var jpeg = await admin.GetByteArrayAsync(zoneEvent.GetProperty("snapshot_url").GetString());
        using var snapshot = Cv2.ImDecode(jpeg, ImreadModes.Color);
        Assert.Equal((768, 432), (snapshot.Width, snapshot.Height));
        var faces = new DetectorOptions { Classes = new HashSet<ObjectClass> { ObjectClass.Face }, HeadFallback = false };
        Assert.DoesNotContain(models.Detect(snapshot, faces), d => d.Score >= 0.5f);
        Cv2.ImWrite(Path.Combine(dir, "event-snapshot.png"), snapshot);

        // The clip is the seconds before the event, made of published frames: it plays, and shows no face either.
        string clipFile = Path.Combine(dir, "event-clip.mp4"), clipStill = Path.Combine(dir, "event-clip-last.png");
        await File.WriteAllBytesAsync(clipFile, await admin.GetByteArrayAsync(zoneEvent.GetProperty("clip_url").GetString()));
        var clipProbe = await FfTools.ProbeAsync(clipFile);
        Assert.Equal("h264", clipProbe.Video.CodecName);
        Assert.InRange(clipProbe.Video.NbReadFrames!.Value, 12, 31); // up to 2.5 s at 12 fps
        (await FfTools.RunFfmpegAsync(["-y", "-sseof", "-0.2", "-i", clipFile, "-frames:v", "1", "-vf", "scale=768:432", clipStill])).EnsureSuccess();
        using (var still = Cv2.ImRead(clipStill))
            Assert.DoesNotContain(models.Detect(still, faces), d => d.Score >= 0.5f);

        using var anonymous = new HttpClient { BaseAddress = new Uri(sidecarUrl) };
        Assert.Empty(JsonDocument.Parse(await anonymous.GetStringAsync("/api/events")).RootElement.GetProperty("events").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(zoneEvent.GetProperty("snapshot_url").GetString())).StatusCode);
        string id = zoneEvent.GetProperty("id").GetString()!;
        using (var approve = await admin.PostAsync($"/api/events/{id}/approve", null)) Assert.True(approve.IsSuccessStatusCode, await approve.Content.ReadAsStringAsync());
        var published = JsonDocument.Parse(await anonymous.GetStringAsync("/api/events")).RootElement.GetProperty("events");
        Assert.Equal(id, Assert.Single(published.EnumerateArray()).GetProperty("id").GetString());
        var stats = JsonDocument.Parse(await anonymous.GetStringAsync("/api/stats")).RootElement;
        Assert.Equal(1, stats.GetProperty("total").GetInt32());
        Assert.Contains("forbidden-zone", stats.GetProperty("by_kind").ToString());

        // What the public sees: the event on the map, with its snapshot, and in the statistics.
        await using var browser = await WebRtc.Browser.LaunchAsync();
        var map = await browser.Chromium.NewPageAsync();
        await map.GotoAsync(sidecarUrl + "/");
        await map.WaitForFunctionAsync($"() => window.veilMap?.markers?.has('{id}')");
        await map.EvaluateAsync($"() => window.veilMap.markers.get('{id}').fire('click')");
        await map.WaitForFunctionAsync("() => [...document.querySelectorAll('.leaflet-popup img')].some(i => i.complete && i.naturalWidth > 0)");
        await map.ScreenshotAsync(new() { Path = Path.Combine(dir, "map.png") });
        var statsPage = await browser.Chromium.NewPageAsync();
        await statsPage.GotoAsync(sidecarUrl + "/stats.html");
        await statsPage.WaitForFunctionAsync("() => document.body.innerText.includes('1 approved event')");
        await statsPage.ScreenshotAsync(new() { Path = Path.Combine(dir, "stats.png"), FullPage = true });
        Assert.Equal(0, await sidecar.StopAsync(TimeSpan.FromSeconds(10)));
    }
}
