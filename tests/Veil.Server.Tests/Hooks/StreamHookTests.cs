using System.Text.Json;
using System.Text.RegularExpressions;
using Veil.Server.Tests.Serve;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Hooks;

/// <summary>
/// `veil serve` with three hooks, two streams published with the ffmpeg CLI over RTMP: one that
/// runs, one whose picture is over the limit and fails. A receiver that is up takes every event
/// once, signed; one that refuses connections and then answers 503 gets them all once, in the same
/// order, after it is back, while the streams never waited for it; a command hook runs per event.
/// </summary>
public sealed class StreamHookTests(ITestOutputHelper log)
{
    private const string Token = "test-admin-token", CamKey = "camera-key-1234", BigKey = "big-key-5678";
    private const string Secret = "first-hook-secret-0123", SecondSecret = "second-hook-secret-4567";
    private static readonly string Dir = SharedData.OutDirectory("hooks-lifecycle");

    [Fact]
    public async Task Every_lifecycle_event_reaches_each_hook_once_signed_and_in_order_also_after_the_receiver_was_down()
    {
        string small = Path.Combine(Dir, "small.flv"), big = Path.Combine(Dir, "big.flv"), commandLog = Path.Combine(Dir, "command-hook.log");
        await FfTools.GenerateClipAsync(small, 320, 240, 25, 3, withAudio: false);
        await FfTools.GenerateClipAsync(big, 640, 360, 25, 3, withAudio: false);
        File.Delete(commandLog);
        await using var up = new HookReceiver(LoopbackPort.PickFree());
        await using var down = new HookReceiver(LoopbackPort.PickFree());
        up.Start();
        int rtmpPort = LoopbackPort.PickFree(), httpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}", ingest = $"rtmp://127.0.0.1:{rtmpPort}/live", config = Path.Combine(Dir, "serve.json");
        // The receiver that is down, and the command, come from the config; the first hook from the command line.
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Veil = new
            {
                MaxWidth = 320, MaxHeight = 240,
                Streams = new[]
                {
                    new { Name = "cam", Key = CamKey, Destinations = new[] { Path.Combine(Dir, "cam-out.flv") } },
                    new { Name = "big", Key = BigKey, Destinations = new[] { Path.Combine(Dir, "big-out.flv") } },
                },
                Hooks = new object[]
                {
                    new { Url = down.Url, Secret = SecondSecret, RetryMaxSeconds = 2, QueueLimit = 1000 },
                    // Never up, room for 3 events waiting (and 1 being tried): the rest overflows, counted, and nothing waits for it.
                    new { Url = $"http://127.0.0.1:{LoopbackPort.PickFree()}/gone", Secret = SecondSecret, RetryMaxSeconds = 2, QueueLimit = 3 },
                    new { Command = $"echo \"$EVENT $STREAM $EVENT_ID\" >> '{commandLog}'", Events = new[] { "stream.published", "stream.failed", "stream.stopped" } },
                },
            },
        }));
        await using var veil = VeilProcess.Start(new Dictionary<string, string>(), "serve", "--config", config, "--http", api, "--admin-token", Token,
            "--rtmp", $"127.0.0.1:{rtmpPort}", "--grpc", "off", "--webrtc", "off", "--classes", "none", "--hook", up.Url, "--hook-secret", Secret);
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitUntilListeningAsync();
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");

        // A publish that runs and ends: published, running, stopped with its counts.
        (await FfTools.RunFfmpegAsync(["-re", "-i", small, "-c", "copy", "-f", "flv", $"{ingest}/{CamKey}"])).EnsureSuccess();
        await up.WaitForAsync(3, () => veil.Output);
        // The stream went back to waiting for its next publisher while the second receiver still refused every attempt.
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");
        Assert.Empty(down.Requests);

        // A picture over Veil:MaxWidth x MaxHeight: published, failed with the reason, stopped.
        await FfTools.RunFfmpegAsync(["-re", "-i", big, "-c", "copy", "-f", "flv", $"{ingest}/{BigKey}"]); // cut off by the server
        var events = await up.WaitForAsync(6, () => veil.Output);

        Assert.Equal(["cam stream.published", "cam stream.running", "cam stream.stopped", "big stream.published", "big stream.failed", "big stream.stopped"],
            events.Select(e => $"{e.Stream} {e.Type}"));
        Assert.Equal(6, events.Select(e => e.Id).Distinct().Count());
        Assert.All(events, e => Assert.Equal(e.EventId, e.Id)); // the id is in the header too, for a receiver that dedupes before parsing
        Assert.All(events, e => Assert.StartsWith("application/json", e.ContentType));
        Assert.All(events, e => Assert.True(SignatureCheck.IsValid(e.Signature, e.Body, Secret, TimeSpan.FromMinutes(5)), $"bad signature {e.Signature} on {e.Type}"));
        // The check is real: another secret, one byte of the body changed, or the timestamp moved a second fail it.
        Assert.All(events, e => Assert.False(SignatureCheck.IsValid(e.Signature, e.Body, SecondSecret, TimeSpan.FromMinutes(5))));
        Assert.All(events, e => Assert.False(SignatureCheck.IsValid(e.Signature, [.. e.Body[..^1], (byte)' '], Secret, TimeSpan.FromMinutes(5))));
        Assert.All(events, e => Assert.False(SignatureCheck.IsValid(Regex.Replace(e.Signature!, @"t=(\d+)", m => $"t={long.Parse(m.Groups[1].Value) - 1}"), e.Body, Secret, TimeSpan.FromMinutes(5))));
        Assert.Equal("RTMP", events[0].Details.GetProperty("protocol").GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(320, events[1].Details.GetProperty("width").GetInt32());
        Assert.InRange(events[2].Details.GetProperty("frames").GetInt64(), 25, 75); // of 3 s at 25 fps (a loaded machine may shed some)
        Assert.Contains("over the limit of 320x240", events[4].Details.GetProperty("reason").GetString());
        Assert.Contains("over the limit of 320x240", events[5].Details.GetProperty("reason").GetString());
        Assert.True(DateTimeOffset.TryParse(events[0].Json.GetProperty("time").GetString(), out var time) && Math.Abs((DateTimeOffset.UtcNow - time).TotalMinutes) < 5);

        // The second receiver comes back, answering 503 twice: then it takes every event once, in order, with its own secret.
        Assert.Empty(down.Requests);
        down.Start(unavailable: 2);
        var late = await down.WaitForAsync(6, () => veil.Output);
        Assert.Equal(events.Select(e => e.Id), late.Select(e => e.Id));
        Assert.Equal(2, down.Requests.Count(r => r.Status == 503));
        Assert.Equal(events[0].Id, down.Requests[0].Id); // the head of the queue is retried, never overtaken
        Assert.All(late, e => Assert.True(SignatureCheck.IsValid(e.Signature, e.Body, SecondSecret, TimeSpan.FromMinutes(5))));
        Assert.All(late, e => Assert.False(SignatureCheck.IsValid(e.Signature, e.Body, Secret, TimeSpan.FromMinutes(5))));
        Assert.True(int.Parse(late[0].Attempt!) > 3, $"the first event came on attempt {late[0].Attempt}");

        // Prometheus has each hook's deliveries, failed attempts, drops and queue.
        string metrics = await serve.Http.GetStringAsync("/metrics");
        Assert.Contains($"veil_hook_delivered_total{{hook=\"{down.Url}\"}} 6", metrics);
        Assert.Matches(@"veil_hook_failed_attempts_total\{hook=""http://127\.0\.0\.1:\d+/hooks/veil""\} ([4-9]|\d\d)", metrics);
        Assert.Matches(@"veil_hook_dropped_total\{hook=""http://127\.0\.0\.1:\d+/gone""\} 2\n", metrics);
        Assert.Matches(@"veil_hook_queued\{hook=""http://127\.0\.0\.1:\d+/gone""\} 4\n", metrics);

        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
        log.WriteLine(veil.Output);
        // Each attempt is in the log with its hook, event, status and attempt number.
        Assert.Matches(@"hook http://127\.0\.0\.1:\d+/hooks/veil: stream\.published evt_[0-9a-f]{32} of cam not delivered, status 0 \(Connection refused", veil.Output);
        Assert.Matches(@"stream\.published evt_[0-9a-f]{32} of cam not delivered, status 503 .*attempt \d+", veil.Output);
        Assert.Matches(@"stream\.stopped evt_[0-9a-f]{32} of big delivered, status 200, attempt 1", veil.Output);

        // The hook that never came up: the first overflow said at once, and at the end what was dropped and what was left.
        Assert.Matches(@"hook http://127\.0\.0\.1:\d+/gone: its queue holds 3 events .*: 1 event\(s\) dropped so far", veil.Output);
        var gone = Regex.Match(veil.Output, @"hook http://127\.0\.0\.1:\d+/gone: (\d+) event\(s\) not delivered when the server stopped, (\d+) dropped before for a full queue");
        Assert.True(gone.Success, "no summary of the hook that never came up");
        Assert.Equal((4, 2), (int.Parse(gone.Groups[1].Value), int.Parse(gone.Groups[2].Value)));

        // The command hook ran once for each event it asked for, with the stream and event in its environment.
        var ran = (await File.ReadAllLinesAsync(commandLog)).Order().ToList();
        var expected = events.Where(e => e.Type != "stream.running").Select(e => $"{e.Type} {e.Stream} {e.Id}").Order().ToList();
        Assert.Equal(expected, ran);
        Assert.Matches(@"stream\.failed evt_[0-9a-f]{32} of big: process \d+ exited with code 0", veil.Output);
    }
}
