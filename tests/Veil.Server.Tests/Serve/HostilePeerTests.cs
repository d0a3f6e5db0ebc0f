using System.Net;
using Veil.Server.Tests.Detection;
using Veil.Server.Tests.Serve.Peers;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// Peers that take without giving: slow sockets are closed by the handshake deadline however often
/// they send a byte, connections over the per-address cap are turned away at once while other
/// addresses still get in, and an address that keeps guessing keys (FFmpeg on RTMP, curl on the API
/// and WHIP) is throttled on every way in, gRPC (the Python client) included, the right key too.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class HostilePeerTests(ModelsFixture models, ITestOutputHelper log)
{
    private static readonly string Dir = SharedData.OutDirectory("hostile-peers");
    private const string Token = "test-admin-token", Key = "camera-key-1234";

    [Fact]
    public async Task Slow_sockets_meet_the_deadline_floods_meet_the_caps_and_guessing_meets_the_throttle()
    {
        int rtmpPort = LoopbackPort.PickFree(), httpPort = LoopbackPort.PickFree(), grpcPort = LoopbackPort.PickFree(), udpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}";
        var env = new Dictionary<string, string>(models.Environment)
        {
            ["Veil__RtmpHandshakeSeconds"] = "3", ["Veil__RtmpMaxConnectionsPerAddress"] = "8", ["Veil__AuthFailuresPerMinute"] = "6",
        };
        await using var veil = VeilProcess.Start(env, "serve", "--http", api, "--admin-token", Token, "--rtmp", $"127.0.0.1:{rtmpPort}",
            "--grpc", $"127.0.0.1:{grpcPort}", "--webrtc", $"127.0.0.1:{udpPort}", "--classes", "none", "--stream", $"cam:{Key}", "--to", Path.Combine(Dir, "cam.flv"));
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");

        // Eight slow sockets from one address, a byte every half second: each closed by the 3 s deadline.
        var slow = Enumerable.Range(0, 8).Select(_ => SlowPeer.RunAsync(IPAddress.Loopback, rtmpPort, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(15))).ToList();
        await Task.Delay(1000);
        // A ninth from the same address is turned away at once; another address still gets in.
        var ninth = await SlowPeer.RunAsync(IPAddress.Loopback, rtmpPort, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(15));
        Assert.True(ninth.Refused, $"the ninth connection from one address was not refused at once ({ninth.ClosedAfter})");
        Assert.Equal("no stream has the key given", await RawRtmpPublisher.PublishAsync(IPAddress.Parse("127.0.0.2"), rtmpPort, "not-the-key-000", TimeSpan.FromSeconds(10)));
        foreach (var (closedAfter, _) in await Task.WhenAll(slow))
        {
            Assert.NotNull(closedAfter);
            Assert.InRange(closedAfter!.Value.TotalSeconds, 2.5, 6);
        }

        // Guessing from one address, on three ways in: 3 wrong RTMP keys, 2 wrong admin tokens, 1 wrong WHIP token.
        for (int i = 0; i < 3; i++)
        {
            var wrong = await FfTools.RunFfmpegAsync(["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=5", "-t", "1", "-c:v", "libx264", "-f", "flv", $"rtmp://127.0.0.1:{rtmpPort}/live/wrong-key-{i:000}00"]);
            Assert.False(wrong.Succeeded);
        }
        for (int i = 0; i < 2; i++) Assert.Equal("401", await Curl(api + "/api/streams", "wrong-token"));
        string offer = Path.Combine(AppContext.BaseDirectory, "WebRtc", "chrome-offer.sdp");
        Assert.Equal("403", await Curl(api + "/whip/cam", "wrong-key-00000", offer));

        // Throttled now, on every way in and with the right key too, saying when to come back.
        var rtmp = await FfTools.RunFfmpegAsync(["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=5", "-t", "1", "-c:v", "libx264", "-f", "flv", $"rtmp://127.0.0.1:{rtmpPort}/live/{Key}"]);
        Assert.False(rtmp.Succeeded);
        Assert.Contains("too many wrong keys from 127.0.0.1", rtmp.StdErr);
        Assert.Equal("429", await Curl(api + "/api/streams", Token));
        Assert.Equal("429", await Curl(api + "/whip/cam", Key, offer));
        string script = Path.Combine(SharedData.RepoRoot, "tests", "Veil.Server.Tests", "Serve", "Python", "grpc_publish.py");
        string face = await FaceCamera.PictureAsync(Dir, "jpg");
        var grpc = await ChildProcess.RunAsync("/usr/bin/python3", [script, $"127.0.0.1:{grpcPort}", "cam", Key, face, "1"], TimeSpan.FromMinutes(1));
        Assert.Contains("status: RESOURCE_EXHAUSTED: too many wrong keys from 127.0.0.1", grpc.StdOut);

        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
        log.WriteLine(veil.Output);
        // Summed over the server's 10 s summaries: a period may end between two of them.
        var summaries = System.Text.RegularExpressions.Regex.Matches(veil.Output, @"and (\d+) at 8 per address; closed (\d+) that did not publish within 3 s");
        Assert.Equal(1, summaries.Sum(m => int.Parse(m.Groups[1].Value)));
        Assert.Equal(8, summaries.Sum(m => int.Parse(m.Groups[2].Value)));
        Assert.Contains("127.0.0.1 gave 6 wrong keys", veil.Output);
    }

    /// <summary>curl's HTTP status for a GET (or a WHIP POST of <paramref name="sdp"/>) with a bearer token.</summary>
    private static async Task<string> Curl(string url, string bearer, string? sdp = null)
    {
        var args = new List<string> { "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", $"Authorization: Bearer {bearer}" };
        if (sdp is not null) args.AddRange(["-H", "Content-Type: application/sdp", "--data-binary", "@" + sdp]);
        args.Add(url);
        var run = await ChildProcess.RunAsync("curl", args, TimeSpan.FromSeconds(30));
        return run.StdOut.Trim();
    }
}
