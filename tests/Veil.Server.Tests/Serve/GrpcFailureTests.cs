using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// What a gRPC camera hears when things go wrong, through the Python client written from the
/// .proto: every failure is a status with its reason (a picture over the limit is refused when the
/// call opens, a stream that stops says why, a stall says how long), stats count this session only,
/// and a camera that dropped and came back takes its stream over instead of being refused.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class GrpcFailureTests(ModelsFixture models, ITestOutputHelper log)
{
    private static readonly string Dir = SharedData.OutDirectory("grpc-failures");
    private const string Token = "test-admin-token", Key = "face-key-12345678";
    private static readonly string Script = Path.Combine(SharedData.RepoRoot, "tests", "Veil.Server.Tests", "Serve", "Python", "grpc_publish.py");

    [Fact]
    public async Task Every_failure_is_a_status_with_its_reason_and_a_camera_that_comes_back_takes_over()
    {
        string face = await FaceCamera.PictureAsync(Dir, "jpg");
        string wide = Path.Combine(Dir, "wide.h264"); // 960x540: over the 640x360 limit below
        (await FfTools.RunFfmpegAsync(["-y", "-f", "lavfi", "-i", "testsrc2=size=960x540:rate=25:duration=3", "-c:v", "libx264", "-g", "25",
            "-x264-params", "aud=1", "-bsf:v", "h264_mp4toannexb", "-f", "h264", wide])).EnsureSuccess();

        int grpcPort = LoopbackPort.PickFree(), httpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}", grpc = $"127.0.0.1:{grpcPort}";
        var env = new Dictionary<string, string>(models.Environment) { ["Veil__MaxWidth"] = "640", ["Veil__MaxHeight"] = "360" };
        await using var veil = VeilProcess.Start(env, "serve", "--http", api, "--admin-token", Token, "--rtmp", "off", "--grpc", grpc, "--webrtc", "off",
            "--classes", "face", "--stream", $"face:{Key}", "--to", Path.Combine(Dir, "face.flv"));
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitForAsync("face", s => s.GetProperty("state").GetString() == "waiting");

        // A raw picture over the limit: refused as the call opens, with the limit named.
        var raw = await Python(grpc, face, "1", "--raw", "1280x720");
        Assert.Contains("status: INVALID_ARGUMENT: a 1280x720 picture is over the limit of 640x360 (Veil:MaxWidth, Veil:MaxHeight)", raw.StdOut);

        // H.264 over the limit: only the decoder knows its size; the stream stops, and says why.
        var h264 = await Python(grpc, wide, "3", "--h264");
        Assert.Contains("status: INVALID_ARGUMENT: video 960x540 is over the limit of 640x360", h264.StdOut);
        await WaitingAsync(serve);

        // Stats count this publish session, not every session the stream had.
        (await Python(grpc, face, "3")).EnsureSuccess();
        await WaitingAsync(serve);
        var second = await Python(grpc, face, "3");
        second.EnsureSuccess();
        var counts = second.StdOut.Split('\n').Where(l => l.StartsWith("reply: stats")).Select(l => long.Parse(l.Split('=')[1])).ToList();
        log.WriteLine(second.StdOut);
        Assert.NotEmpty(counts);
        Assert.True(counts.Max() <= 80, $"the second session's stats count more frames than it sent: {string.Join(", ", counts)}");
        await WaitingAsync(serve);

        // A camera that stops sending but keeps the call open: the status says how long it was silent.
        var stall = await Python(grpc, face, "1", "--stall", "20");
        log.WriteLine(stall.StdOut);
        Assert.Matches(@"status: UNAVAILABLE: input '.*': no data for 1[0-2](\.\d)? s \(publisher stalled\)", stall.StdOut);
        await WaitingAsync(serve);

        // A camera that dropped (killed mid-stream, its backlog still queued) and is back 2 s later takes the stream over.
        using (var cut = new CancellationTokenSource())
        {
            var flood = Python(grpc, face, "30", "--fast", cancel: cut.Token);
            await serve.WaitForAsync("face", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("frames").GetInt64() > 10);
            cut.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flood);
        }
        await Task.Delay(2000);
        var back = await Python(grpc, face, "3");
        log.WriteLine(back.StdOut);
        Assert.True(back.Succeeded, back.StdOut + back.StdErr);
        Assert.Contains("reply: ack", back.StdOut);

        // The stream removed while a camera publishes: UNAVAILABLE, saying so.
        var removed = Python(grpc, face, "20");
        await serve.WaitForAsync("face", s => s.GetProperty("state").GetString() == "running");
        (await serve.Http.DeleteAsync("/api/streams/face")).EnsureSuccessStatusCode();
        Assert.Contains("status: UNAVAILABLE: stream face is stopping", (await removed).StdOut);

        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
        log.WriteLine(veil.Output);
        Assert.Contains("took stream face over", veil.Output);
    }

    private static Task WaitingAsync(ServeClient serve) => serve.WaitForAsync("face", s => s.GetProperty("state").GetString() == "waiting");

    private static Task<ProcessResult> Python(string grpc, string file, string seconds, string mode = "", string extra = "", CancellationToken cancel = default)
    {
        var args = new List<string> { Script, grpc, "face", Key, file, seconds };
        if (mode.Length > 0) args.Add(mode);
        if (extra.Length > 0) args.Add(extra);
        return ChildProcess.RunAsync("/usr/bin/python3", args, TimeSpan.FromMinutes(2), cancel);
    }
}
