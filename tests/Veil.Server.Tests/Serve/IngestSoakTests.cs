using System.Net;
using Veil.Server.Tests.Detection;
using Veil.Server.Tests.Serve.Peers;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// The soak: while one real stream runs (FFmpeg publishing), 1,000 slow RTMP connections from 100
/// loopback addresses and 300 wrong-key attempts hit the port. The slow ones are turned away at the
/// cap or closed by the handshake deadline, the stream loses no frame, and memory stays flat.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class IngestSoakTests(ModelsFixture models, ITestOutputHelper log)
{
    private static readonly string Dir = SharedData.OutDirectory("ingest-soak");
    private const string Token = "test-admin-token", Key = "camera-key-1234";

    [Fact]
    public async Task A_thousand_slow_sockets_and_300_wrong_keys_leave_a_running_stream_whole()
    {
        string clip = Path.Combine(Dir, "camera.flv");
        await FfTools.GenerateClipAsync(clip, 320, 240, 25, 30, withAudio: true);
        int rtmpPort = LoopbackPort.PickFree(), httpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}";
        var env = new Dictionary<string, string>(models.Environment) { ["Veil__RtmpHandshakeSeconds"] = "5" };
        await using var veil = VeilProcess.Start(env, "serve", "--http", api, "--admin-token", Token, "--rtmp", $"127.0.0.1:{rtmpPort}",
            "--grpc", "off", "--webrtc", "off", "--classes", "none", "--stream", $"cam:{Key}", "--to", Path.Combine(Dir, "cam.flv"));
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");

        var publish = FfTools.RunFfmpegAsync(["-re", "-i", clip, "-c", "copy", "-f", "flv", $"rtmp://127.0.0.1:{rtmpPort}/live/{Key}"], TimeSpan.FromMinutes(2));
        await serve.WaitForAsync("cam", s => s.GetProperty("frames").GetInt64() > 50);
        long rssBefore = veil.ResidentBytes;

        // 1,000 slow sockets, 10 from each of 127.0.0.10 .. 127.0.0.109, a byte every second; the first 300 wrong keys
        // meet the full port, the rest come as the deadline frees it, 10 from each of 30 more addresses.
        var slow = Enumerable.Range(0, 1000).Select(i =>
            SlowPeer.RunAsync(IPAddress.Parse($"127.0.0.{10 + i / 10}"), rtmpPort, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30))).ToList();
        await Task.Delay(1000);
        var flooded = await WrongKeysAsync(rtmpPort, 0, 100);
        var slowResults = await Task.WhenAll(slow);
        var keyAnswers = flooded.Concat(await WrongKeysAsync(rtmpPort, 100, 200)).ToList();
        long rssAfter = veil.ResidentBytes;

        (await publish).EnsureSuccess();
        var done = await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");
        int refused = slowResults.Count(r => r.Refused), closed = slowResults.Count(r => r.ClosedAfter is not null && !r.Refused);
        var longest = slowResults.Where(r => r.ClosedAfter is not null).Max(r => r.ClosedAfter!.Value);
        log.WriteLine($"slow sockets: {refused} turned away at the cap, {closed} closed by the deadline (the last after {longest.TotalSeconds:0.0} s), {1000 - refused - closed} still open");
        log.WriteLine($"wrong keys: {keyAnswers.Count(a => a.StartsWith("no stream has the key"))} refused, {keyAnswers.Count(a => a.StartsWith("too many wrong keys"))} throttled, {keyAnswers.Count(a => a == "turned away")} turned away at the connection cap");
        log.WriteLine($"stream: {done.GetProperty("frames")} frames encoded, {done.GetProperty("shed_frames")} shed; RSS {rssBefore >> 20} MiB before the flood, {rssAfter >> 20} MiB after");

        Assert.Equal(1000, refused + closed);
        Assert.True(longest < TimeSpan.FromSeconds(9), $"a slow socket stayed {longest.TotalSeconds:0.0} s");
        Assert.All(keyAnswers, a => Assert.Matches("^(no stream has the key given|too many wrong keys|turned away$)", a));
        Assert.Equal(200, keyAnswers.Count(a => a != "turned away")); // once the slow ones are gone, every attempt is answered
        Assert.Equal(750, done.GetProperty("frames").GetInt64()); // 30 s at 25 fps: not one lost
        Assert.Equal(0, done.GetProperty("shed_frames").GetInt64());
        Assert.True(rssAfter - rssBefore < 64 << 20, $"RSS grew from {rssBefore >> 20} to {rssAfter >> 20} MiB");
        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
    }

    private static Task<string[]> WrongKeysAsync(int port, int first, int count) => Task.WhenAll(Enumerable.Range(first, count).Select(i =>
        RawRtmpPublisher.PublishAsync(IPAddress.Parse($"127.0.0.{150 + i / 10}"), port, $"wrong-key-{i:00000}", TimeSpan.FromSeconds(30))));
}
