using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// Cameras publishing over gRPC: the C# sample (samples/GrpcCamera, raw I420 test pattern) and a
/// Python client written from the .proto alone (Debian's python3-grpcio, JPEG frames of a real
/// face), each into its own push stream relayed to nginx-rtmp. Then a wrong key, a malformed
/// protobuf and an oversized message each end their own call with a clear status while the other
/// stream keeps running.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class GrpcPublishTests(ModelsFixture models, ITestOutputHelper log)
{
    private static readonly string Dir = SharedData.OutDirectory("grpc-publish");
    private const string Token = "test-admin-token", PatternKey = "pattern-key-1234", FaceKey = "face-key-12345678";

    [Fact]
    public async Task The_csharp_sample_and_a_python_client_publish_and_bad_calls_end_alone()
    {
        string face = await FaceCamera.PictureAsync(Dir, "jpg"), facePng = await FaceCamera.PictureAsync(Dir);

        await using var nginx = await NginxRtmpServer.StartNewAsync();
        int grpcPort = LoopbackPort.PickFree(), httpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}", grpc = $"127.0.0.1:{grpcPort}";
        var env = new Dictionary<string, string>(models.Environment) { ["Veil__MaxMessageBytes"] = "1000000" };
        await using var veil = VeilProcess.Start(env, "serve", "--http", api, "--admin-token", Token, "--rtmp", "off", "--grpc", grpc, "--webrtc", "off",
            "--stream", $"pattern:{PatternKey}", "--stream", $"face:{FaceKey}", "--forward", nginx.Url("{stream}"));
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitForAsync("pattern", s => s.GetProperty("state").GetString() == "waiting");

        // The C# sample: raw I420 frames of a moving pattern, 12 s.
        string sample = Path.Combine(SharedData.RepoRoot, "samples", "GrpcCamera", "bin", "Release", "net10.0", "veil-camera.dll");
        Assert.True(File.Exists(sample), $"{sample} is missing (the solution build makes it)");
        var csharp = ChildProcess.RunAsync("dotnet", [sample, "--server", $"http://{grpc}", "--stream", "pattern", "--key", PatternKey, "--seconds", "40"], TimeSpan.FromMinutes(2));
        await serve.WaitForAsync("pattern", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("frames").GetInt64() > 25);
        var probe = await FfTools.ProbeLiveAsync(nginx.Url("pattern"));
        Assert.Equal((640, 360), (probe.Video.Width, probe.Video.Height));
        Assert.Equal(25, probe.Video.AvgFps!.Value, 1); // the nominal rate: a loaded machine may drop frames to stay live

        // The Python client: JPEG frames of a real face; the far end shows it redacted.
        string script = Path.Combine(SharedData.RepoRoot, "tests", "Veil.Server.Tests", "Serve", "Python", "grpc_publish.py");
        var python = ChildProcess.RunAsync("/usr/bin/python3", [script, grpc, "face", FaceKey, face, "15"], TimeSpan.FromMinutes(1));
        await serve.WaitForAsync("face", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("frames").GetInt64() > 25);
        await FarEnd.AssertFaceRedactedAsync(models, facePng, nginx.Url("face"), Dir);
        var pythonRun = await python;
        log.WriteLine(pythonRun.StdOut);
        Assert.True(pythonRun.Succeeded, pythonRun.StdOut + pythonRun.StdErr);
        Assert.Contains("reply: ack", pythonRun.StdOut);

        // Bad calls while the pattern keeps publishing: each ends alone, with its reason.
        long before = (await serve.GetAsync("pattern")).GetProperty("frames").GetInt64();
        var wrongKey = await ChildProcess.RunAsync("/usr/bin/python3", [script, grpc, "face", "not-the-key-000", face, "1"], TimeSpan.FromMinutes(1));
        Assert.Contains("PERMISSION_DENIED", wrongKey.StdOut);
        await serve.WaitForAsync("face", s => s.GetProperty("state").GetString() == "waiting"); // the last publisher's session is over
        var garbage = await ChildProcess.RunAsync("/usr/bin/python3", [script, grpc, "face", FaceKey, face, "1", "--garbage"], TimeSpan.FromMinutes(1));
        Assert.Matches("status: (INTERNAL|INVALID_ARGUMENT|UNKNOWN)", garbage.StdOut);
        await serve.WaitForAsync("face", s => s.GetProperty("state").GetString() == "waiting");
        var oversized = await ChildProcess.RunAsync("/usr/bin/python3", [script, grpc, "face", FaceKey, face, "1", "--oversized", "2000000"], TimeSpan.FromMinutes(1));
        Assert.Contains("RESOURCE_EXHAUSTED", oversized.StdOut);
        log.WriteLine(wrongKey.StdOut + garbage.StdOut + oversized.StdOut);
        await Task.Delay(500);
        var pattern = await serve.GetAsync("pattern");
        Assert.Equal("running", pattern.GetProperty("state").GetString());
        Assert.True(pattern.GetProperty("frames").GetInt64() > before, "the other stream stalled during the bad calls");

        // H.264 access units (Annex B) from the same client, into the same stream, now free again.
        string h264 = Path.Combine(Dir, "face.h264");
        (await FfTools.RunFfmpegAsync(["-y", "-loop", "1", "-framerate", "25", "-i", face, "-t", "4", "-c:v", "libx264", "-pix_fmt", "yuv420p",
            "-g", "25", "-x264-params", "aud=1", "-bsf:v", "h264_mp4toannexb", "-f", "h264", h264])).EnsureSuccess();
        await serve.WaitForAsync("face", s => s.GetProperty("state").GetString() == "waiting");
        var faceBefore = await serve.GetAsync("face");
        var annexB = await ChildProcess.RunAsync("/usr/bin/python3", [script, grpc, "face", FaceKey, h264, "4", "--h264"], TimeSpan.FromMinutes(1));
        Assert.True(annexB.Succeeded, annexB.StdOut + annexB.StdErr);
        var afterH264 = await serve.WaitForAsync("face", s => s.GetProperty("state").GetString() == "waiting");
        long encoded = Grown(afterH264, faceBefore, "frames"), shed = Grown(afterH264, faceBefore, "shed_frames");
        log.WriteLine($"H.264 publish: {encoded} frames encoded, {shed} shed to stay live");
        Assert.InRange(encoded + shed, 90, 101); // 4 s at 25 fps, every frame either sent or counted as shed (two live streams share 2 cores in CI)
        Assert.True(encoded >= 25, $"only {encoded} of the H.264 frames were encoded");

        var csharpRun = await csharp;
        Assert.True(csharpRun.Succeeded, csharpRun.StdOut + csharpRun.StdErr);
        Assert.Contains("sent 1000 frames", csharpRun.StdOut);
        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
        log.WriteLine(veil.Output);
    }

    private static long Grown(System.Text.Json.JsonElement after, System.Text.Json.JsonElement before, string counter) =>
        after.GetProperty(counter).GetInt64() - before.GetProperty(counter).GetInt64();
}
