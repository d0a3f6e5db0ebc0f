using System.Diagnostics;
using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// A publisher sending more than the machine can anonymize (1080p60 with faces and plates, on CI's
/// two cores): the stream sheds frames at its entry, counts them, and stays live. Its latency,
/// counted from each packet's arrival at the socket, keeps a p95 under a second, and it is done
/// moments after the publisher stops instead of draining a backlog for seconds.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class LiveLagTests(ModelsFixture models, ITestOutputHelper log)
{
    private static readonly string Dir = SharedData.OutDirectory("live-lag");
    private const string Token = "test-admin-token", Key = "camera-key-1234";

    [Fact]
    public async Task A_publisher_faster_than_the_machine_is_shed_at_the_entry_and_the_stream_stays_live()
    {
        string clip = Path.Combine(Dir, "1080p60.flv");
        if (!File.Exists(clip))
            (await FfTools.RunFfmpegAsync(["-y", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=60:duration=5", "-c:v", "libx264", "-preset", "ultrafast",
                "-g", "120", "-pix_fmt", "yuv420p", clip], TimeSpan.FromMinutes(5))).EnsureSuccess();
        int rtmpPort = LoopbackPort.PickFree(), httpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}";
        await using var veil = VeilProcess.Start(models.Environment, "serve", "--http", api, "--admin-token", Token, "--rtmp", $"127.0.0.1:{rtmpPort}",
            "--grpc", "off", "--webrtc", "off", "--stream", $"cam:{Key}", "--to", Path.Combine(Dir, "cam.flv"));
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");

        // 30 s of 1080p60 (the 5 s clip six times over): long enough that a live stream's start is not its p95.
        (await FfTools.RunFfmpegAsync(["-re", "-stream_loop", "5", "-i", clip, "-c", "copy", "-f", "flv", $"rtmp://127.0.0.1:{rtmpPort}/live/{Key}"], TimeSpan.FromMinutes(2))).EnsureSuccess();
        var clock = Stopwatch.StartNew();
        var done = await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting", seconds: 60);
        var finishing = clock.Elapsed;
        var latency = done.GetProperty("latency_ms");
        long frames = done.GetProperty("frames").GetInt64(), shed = done.GetProperty("shed_frames").GetInt64();
        log.WriteLine($"1080p60, 1800 frames sent: {frames} encoded, {shed} shed; latency p50/p95/p99 {latency}; done {finishing.TotalSeconds:0.0} s after the publisher");
        Assert.True(finishing < TimeSpan.FromSeconds(3), $"the stream took {finishing.TotalSeconds:0.0} s to finish after its publisher stopped");
        Assert.True(latency.GetProperty("p95").GetDouble() < 1000, $"p95 latency {latency}");
        var settled = done.GetProperty("settled_latency_ms"); // without the opening's probe, first passes and catch-up
        Assert.True(settled.GetProperty("p95").GetDouble() is > 0 and < 1000, $"settled p95 latency {settled}");
        Assert.True(frames > 60, $"only {frames} frames encoded");
        string metrics = await serve.Http.GetStringAsync("/metrics");
        Assert.Contains($"veil_stream_shed_frames_total{{stream=\"cam\"}} {shed}", metrics);

        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
        log.WriteLine(veil.Output);
        if (shed > 0) Assert.Contains("behind its source: dropped", veil.Output);
    }
}
