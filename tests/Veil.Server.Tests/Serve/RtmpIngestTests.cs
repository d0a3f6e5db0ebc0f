using System.Net.Sockets;
using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// FFmpeg publishes into Veil's own RTMP server (`veil serve --stream NAME:KEY`), and Veil relays the
/// anonymized stream to a real nginx-rtmp. Then the faults: garbage bytes, a wrong key, an
/// oversized message, a silent peer and a publisher killed mid-GOP each end their own session with a logged
/// reason, while a second stream keeps running, and the stream takes the next publisher.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class RtmpIngestTests(ModelsFixture models, ITestOutputHelper log)
{
    private static readonly string Dir = SharedData.OutDirectory("rtmp-ingest");
    private const string Token = "test-admin-token", Key = "camera-key-1234";

    [Fact]
    public async Task Ffmpeg_publishes_into_veil_which_relays_it_anonymized_and_bad_sessions_end_alone()
    {
        var (clip, face) = await FaceCamera.ClipAsync(Dir, "flv");
        string other = Path.Combine(Dir, "other.mp4");
        await FfTools.GenerateClipAsync(other, 320, 240, 25, 3, withAudio: false);

        await using var nginx = await NginxRtmpServer.StartNewAsync();
        int rtmpPort = LoopbackPort.PickFree(), httpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}", ingest = $"rtmp://127.0.0.1:{rtmpPort}/live";
        var env = new Dictionary<string, string>(models.Environment) { ["Veil__RtmpHandshakeSeconds"] = "3" };
        await using var veil = VeilProcess.Start(env, "serve", "--http", api, "--admin-token", Token, "--rtmp", $"127.0.0.1:{rtmpPort}", "--grpc", "off", "--webrtc", "off",
            "--stream", $"cam:{Key}", "--pull", $"other={other}", "--loop", "--forward", nginx.Url("{stream}"));
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");
        await serve.WaitForAsync("other", s => s.GetProperty("frames").GetInt64() > 10);

        // A publisher, as OBS or a phone app would: real time, H.264 + AAC in FLV.
        // It loops until the test cuts it off after the faults below: a publisher killed mid-GOP.
        using var cut = new CancellationTokenSource();
        var publish = FfTools.RunFfmpegAsync(["-re", "-stream_loop", "-1", "-i", clip, "-c", "copy", "-f", "flv", $"{ingest}/{Key}"], TimeSpan.FromMinutes(3), cut.Token);
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("frames").GetInt64() > 25);
        var probe = await FfTools.ProbeLiveAsync(nginx.Url("cam"));
        Assert.Equal("h264", probe.Video.CodecName);
        Assert.Equal((640, 360), (probe.Video.Width, probe.Video.Height));
        Assert.Equal(25, probe.Video.AvgFps!.Value, 1); // the nominal rate: a loaded machine may drop frames to stay live
        Assert.NotNull(probe.Audio);
        await FarEnd.AssertFaceRedactedAsync(models, face, nginx.Url("cam"), Dir);

        // Faults while cam is publishing: each ends its own session only.
        long otherBefore = (await serve.GetAsync("other")).GetProperty("frames").GetInt64();
        await SendRawAsync(rtmpPort, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray().Concat(new byte[2000]).ToArray());
        var wrongKey = await FfTools.RunFfmpegAsync(["-re", "-i", clip, "-t", "1", "-c", "copy", "-f", "flv", $"{ingest}/not-the-key-000"]);
        Assert.False(wrongKey.Succeeded);
        Assert.Contains("no stream has the key", wrongKey.StdErr);
        var secondPublisher = await FfTools.RunFfmpegAsync(["-re", "-i", clip, "-t", "1", "-c", "copy", "-f", "flv", $"{ingest}/{Key}"]);
        Assert.False(secondPublisher.Succeeded);
        Assert.Contains("already has a publisher", secondPublisher.StdErr);
        await SendOversizedAsync(rtmpPort);
        using (var silent = new TcpClient())
        {
            await silent.ConnectAsync("127.0.0.1", rtmpPort); // connects, then says nothing
            await Task.Delay(4000);
        }
        Assert.True((await serve.GetAsync("other")).GetProperty("frames").GetInt64() > otherBefore, "the pulled stream stalled during the faults");
        Assert.Equal("running", (await serve.GetAsync("cam")).GetProperty("state").GetString());

        // The publisher killed mid-GOP: its session ends, the stream waits, and the next publisher is taken.
        await Task.Delay(330); // somewhere inside a one-second GOP
        cut.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publish);
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");
        var again = FfTools.RunFfmpegAsync(["-re", "-i", clip, "-t", "3", "-c", "copy", "-f", "flv", $"{ingest}/{Key}"]);
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "running");
        (await again).EnsureSuccess();

        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
        string logs = veil.Output;
        log.WriteLine(logs);
        Assert.Contains("not an RTMP client: first byte 0x47", logs);
        Assert.Contains("publish refused: no stream has the key", logs);
        Assert.Contains("publish refused: stream cam already has a publisher", logs);
        Assert.Contains("over the 4096 KiB limit", logs);
        Assert.Contains("closed 1 that did not publish within 3 s", logs);
        Assert.Matches("ended: (publisher disconnected|connection lost)", logs);
    }

    private static async Task SendRawAsync(int port, byte[] bytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        try { await stream.WriteAsync(bytes); await stream.ReadAsync(new byte[16]); }
        catch (IOException) { } // the server hangs up, as it should
    }

    /// <summary>A valid handshake, then a chunk announcing a 16 MiB message.</summary>
    private static async Task SendOversizedAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        var c0c1 = new byte[1537];
        c0c1[0] = 3;
        await stream.WriteAsync(c0c1);
        var s0s1s2 = new byte[1 + 2 * 1536];
        await stream.ReadExactlyAsync(s0s1s2);
        await stream.WriteAsync(new byte[1536]); // C2
        try
        {
            await stream.WriteAsync(new byte[] { 0x04, 0, 0, 0, 0xFF, 0xFF, 0xFF, 9, 1, 0, 0, 0 });
            await stream.ReadAsync(new byte[16]);
        }
        catch (IOException) { }
    }
}
