using System.Text.Json;
using System.Text.RegularExpressions;
using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Hooks;

/// <summary>
/// The car-park clip pulled by `veil serve` in a loop, a forbidden zone on the cyclist's path (as in
/// EventDeliveryTests): the violation the rules raise and the outbox takes reaches a webhook, signed,
/// between the stream's published and the stopped sent as the server shuts down, and a type the
/// hook did not ask for never comes.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class ViolationHookTests(ModelsFixture models, ITestOutputHelper log)
{
    private const string Secret = "violation-hook-secret-0123";
    private static readonly Regex Raised = new(@"events: forbidden-zone on cam .*\((?<id>[0-9a-f]{32})\)");

    [Fact]
    public async Task A_violation_event_reaches_the_hook_between_published_and_stopped()
    {
        string dir = SharedData.OutDirectory("hooks-violation");
        if (Directory.Exists(Path.Combine(dir, "outbox"))) Directory.Delete(Path.Combine(dir, "outbox"), recursive: true);
        string clip = Path.Combine(dir, "cyclist.mp4"), camera = Path.Combine(dir, "car-park.yaml"), config = Path.Combine(dir, "serve.json");
        (await FfTools.RunFfmpegAsync(["-y", "-i", SharedData.Video("shehryarusman_Final_Project/person-bicycle-car-detection.mp4"), "-t", "15", "-c", "copy", clip])).EnsureSuccess();
        await File.WriteAllTextAsync(camera, "name: car-park\nzones:\n  - { name: footpath, kind: forbidden, polygon: [[300, 0], [768, 0], [768, 130], [300, 130]] }\n");
        await using var receiver = new HookReceiver(LoopbackPort.PickFree());
        receiver.Start();
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Veil = new
            {
                Streams = new[] { new { Name = "cam", Source = clip, Loop = true, Destinations = new[] { Path.Combine(dir, "cam.flv") }, Camera = camera } },
                Hooks = new[] { new { Url = receiver.Url, Secret, Events = new[] { "stream.published", "violation", "stream.stopped" } } },
            },
        }));
        await using var serve = VeilProcess.Start(models.Environment, "serve", "--config", config, "--http", $"http://127.0.0.1:{LoopbackPort.PickFree()}",
            "--admin-token", "serve-admin-token", "--rtmp", "off", "--grpc", "off", "--webrtc", "off",
            "--cadence", "every-frame", "--detector-timeout-ms", "5000", "--events", Path.Combine(dir, "outbox"));

        // The cyclist rides through the zone between 10 and 14 s of each pass (a loaded machine may miss a pass: detection sheds frames).
        await receiver.WaitForAsync(2, () => serve.Output, seconds: 240);
        Assert.Equal(0, await serve.StopAsync(TimeSpan.FromSeconds(30))); // the stream's stopped still goes out as the server shuts down
        log.WriteLine(serve.Output);
        var events = receiver.Accepted;

        var raised = Raised.Matches(serve.Output).Select(m => m.Groups["id"].Value).ToList();
        Assert.NotEmpty(raised);
        Assert.Equal("stream.published", events[0].Type);
        Assert.Equal("file", events[0].Details.GetProperty("source").GetString());
        Assert.Equal("stream.stopped", events[^1].Type);
        Assert.Equal("stream cam is stopping", events[^1].Details.GetProperty("reason").GetString());
        var violations = events.Skip(1).SkipLast(1).ToList();
        Assert.All(violations, v => Assert.Equal("violation", v.Type));
        Assert.Equal(raised, violations.Select(v => v.Details.GetProperty("violation_id").GetString()));
        var zone = violations[0];
        Assert.Equal("cam", zone.Stream);
        Assert.Equal("forbidden-zone", zone.Details.GetProperty("kind").GetString());
        Assert.Equal("footpath", zone.Details.GetProperty("zone").GetString());
        Assert.All(events, e => Assert.True(SignatureCheck.IsValid(e.Signature, e.Body, Secret, TimeSpan.FromMinutes(5)), $"bad signature on {e.Type}"));
        Assert.Equal(events.Count, receiver.Requests.Count); // nothing else came: no stream.running, no retry
    }
}
