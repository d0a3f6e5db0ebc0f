using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// `veil serve` as an operator runs it: a camera (FFmpeg serving a looped clip of a real face, with
/// audio, through nginx-rtmp) pulled over the network, anonymized and relayed back to nginx, read
/// from there with ffprobe and ffmpeg; the
/// control API, health and metrics over HTTP; a second stream whose source is dead keeps retrying
/// without disturbing the first.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class ServeTests(ModelsFixture models, ITestOutputHelper log)
{
    private static readonly string Dir = SharedData.OutDirectory("serve");
    private const string Token = "test-admin-token";

    [Fact]
    public async Task A_pulled_camera_is_relayed_anonymized_to_nginx_while_a_dead_source_retries()
    {
        var (clip, face) = await FaceCamera.ClipAsync(Dir);
        await using var nginx = await NginxRtmpServer.StartNewAsync();
        using var stopCamera = new CancellationTokenSource();
        var camera = FfTools.RunFfmpegAsync(["-re", "-stream_loop", "-1", "-i", clip, "-c", "copy", "-f", "flv", nginx.Url("source")], TimeSpan.FromMinutes(3), stopCamera.Token);
        int httpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}";
        await using var veil = VeilProcess.Start(models.Environment, "serve", "--http", api, "--admin-token", Token, "--rtmp", "off", "--grpc", "off", "--webrtc", "off",
            "--pull", $"cam={nginx.Url("source")}", "--pull", $"dead=rtmp://127.0.0.1:{LoopbackPort.PickFree()}/live/none",
            "--forward", nginx.Url("{stream}"));
        using var serve = new ServeClient(api, veil, Token);
        var http = serve.Http;

        var cam = await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("frames").GetInt64() >= 50);
        var probe = await FfTools.ProbeLiveAsync(nginx.Url("cam"));
        log.WriteLine(veil.Output);
        Assert.Equal("h264", probe.Video.CodecName);
        Assert.Equal((640, 360), (probe.Video.Width, probe.Video.Height));
        Assert.Equal(25, probe.Video.AvgFps!.Value, 1); // the nominal rate: a loaded machine may drop frames to stay live
        Assert.NotNull(probe.Audio);

        // The far end shows the face redacted: Veil's own detector finds it in the input, not in the output.
        await FarEnd.AssertFaceRedactedAsync(models, face, nginx.Url("cam"), Dir);

        // The dead source retries with its reason while the camera keeps running.
        var dead = await serve.WaitForAsync("dead", s => s.GetProperty("attempts").GetInt32() >= 2);
        Assert.Equal("retrying", dead.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(dead.GetProperty("last_error").GetString()));
        var camLater = await serve.GetAsync("cam");
        Assert.Equal("running", camLater.GetProperty("state").GetString());
        Assert.True(camLater.GetProperty("frames").GetInt64() > cam.GetProperty("frames").GetInt64());

        // Health, readiness (the dead stream holds it back), metrics, and the admin token.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        var ready = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("dead", await ready.Content.ReadAsStringAsync());
        string metrics = await http.GetStringAsync("/metrics");
        Assert.Matches(@"veil_stream_frames_total\{stream=""cam""\} [1-9]", metrics);
        Assert.Contains("veil_stream_up{stream=\"cam\"} 1", metrics);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient().GetAsync(api + "/api/streams")).StatusCode);

        // Streams are removed and created at run time; bad requests say why.
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/api/streams/dead")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/streams/dead")).StatusCode);
        var bad = await http.PostAsync("/api/streams", new StringContent("""{"name":"x y","source":""}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        string why = await bad.Content.ReadAsStringAsync();
        Assert.Contains("name 'x y'", why);
        Assert.Contains("no source", why);
        var again = await http.PostAsync("/api/streams", new StringContent(JsonSerializer.Serialize(new { name = "cam", source = clip }), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("stream cam: removed", veil.Output);
        stopCamera.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => camera);
    }

    [Fact]
    public async Task A_destination_that_dies_and_comes_back_gets_the_stream_again_while_the_other_never_stalls()
    {
        var (clip, _) = await FaceCamera.ClipAsync(Dir);
        await using var steady = await NginxRtmpServer.StartNewAsync();
        var flaky = await NginxRtmpServer.StartNewAsync();
        int flakyPort = flaky.Port;
        int httpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}";
        await using var veil = VeilProcess.Start(models.Environment, "serve", "--http", api, "--admin-token", Token, "--rtmp", "off", "--grpc", "off", "--webrtc", "off",
            "--pull", $"cam={clip}", "--loop", "--to", steady.Url("cam"), "--to", flaky.Url("cam"), "--classes", "none");
        using var serve = new ServeClient(api, veil, Token);
        JsonElement Dest(JsonElement stream, int i) => stream.GetProperty("destinations")[i];
        long Sent(JsonElement stream, int i) => Dest(stream, i).GetProperty("sent_packets").GetInt64();

        await serve.WaitForAsync("cam", s => Sent(s, 0) > 50 && Sent(s, 1) > 50);
        await flaky.DisposeAsync(); // the server goes away
        var lost = await serve.WaitForAsync("cam", s => Dest(s, 1).GetProperty("state").GetString() == "retrying");
        log.WriteLine($"flaky lost: {Dest(lost, 1)}");

        // The steady destination keeps receiving while the other is down: sampled every 500 ms for 3 s.
        long before = Sent(lost, 0);
        for (int i = 0; i < 6; i++)
        {
            await Task.Delay(500);
            var now = await serve.GetAsync("cam");
            Assert.True(Sent(now, 0) > before, $"the steady destination stalled while the other was down: {Dest(now, 0)}");
            before = Sent(now, 0);
            Assert.Equal("running", now.GetProperty("state").GetString());
        }

        await using var back = await NginxRtmpServer.StartNewAsync(port: flakyPort);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var again = await serve.WaitForAsync("cam", s => Dest(s, 1).GetProperty("state").GetString() == "sending" && Dest(s, 1).GetProperty("connections").GetInt32() >= 2);
        log.WriteLine($"flaky back after {clock.Elapsed.TotalSeconds:0.0} s: {Dest(again, 1)}");
        var probe = await FfTools.ProbeLiveAsync(back.Url("cam"));
        Assert.Equal((640, 360), (probe.Video.Width, probe.Video.Height));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10) + TimeSpan.FromSeconds(5), $"the stream reached the server that came back only after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains("connected again", veil.Output);
    }

    [Fact]
    public async Task A_stream_over_the_resolution_limit_fails_with_the_limit_named()
    {
        var (clip, _) = await FaceCamera.ClipAsync(Dir);
        string config = Path.Combine(Dir, "small.json");
        File.WriteAllText(config, """{ "Veil": { "MaxWidth": 320, "MaxHeight": 240 } }""");
        string api = $"http://127.0.0.1:{LoopbackPort.PickFree()}";
        await using var veil = VeilProcess.Start(models.Environment, "serve", "--config", config, "--http", api, "--admin-token", Token,
            "--rtmp", "off", "--grpc", "off", "--webrtc", "off", "--pull", $"cam={clip}", "--to", Path.Combine(Dir, "never.flv"), "--classes", "none");
        using var serve = new ServeClient(api, veil, Token);
        var cam = await serve.WaitForAsync("cam", s => s.GetProperty("last_error").GetString() is not null);
        Assert.Contains("video 640x360 is over the limit of 320x240", cam.GetProperty("last_error").GetString());
        // It waits to retry the source, or has begun the retry (a loaded machine may poll after the backoff): never running.
        Assert.Contains(cam.GetProperty("state").GetString(), new[] { "retrying", "starting" });
    }

    [Fact]
    public async Task A_bad_configuration_fails_at_start_naming_every_problem()
    {
        string config = Path.Combine(Dir, "bad.json");
        File.WriteAllText(config, """
            { "Veil": { "Http": "ftp://x", "MaxStreams": 1,
              "Streams": [ { "Name": "a b", "Source": "", "Destinations": ["udp://x"] }, { "Name": "c", "Source": "/no/such.mp4", "Destinations": ["o.flv"], "Camera": "/no/such-camera.yaml" } ] } }
            """);
        var run = await models.RunVeilAsync(TimeSpan.FromMinutes(1), "serve", "--config", config);
        Assert.Equal(1, run.ExitCode);
        foreach (var expected in new[] { "Veil:Http 'ftp://x'", "more than Veil:MaxStreams (1)", "stream name 'a b'", "no source", "'udp://x' is not rtmp://", "source file '/no/such.mp4' does not exist", "camera file '/no/such-camera.yaml' does not exist" })
            Assert.Contains(expected, run.StdErr);
    }
}
