using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// FFmpeg publishes MPEG-TS over SRT into `veil serve --srt`, with the stream and key in its stream id,
/// and Veil relays the anonymized stream to a real nginx-rtmp. Callers with a wrong key, a malformed
/// stream id, an unknown stream, a busy stream or a read are refused in the handshake with SRT's
/// reason codes, logged with the reason, while the pulled stream and the publish keep running. Then
/// GStreamer's srtsink publishes the next session with SRT's access-control stream id syntax.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class SrtIngestTests(ModelsFixture models, ITestOutputHelper log)
{
    private static readonly string Dir = SharedData.OutDirectory("srt-ingest");
    private const string Token = "test-admin-token", Key = "srt-camera-key-1234";

    [Fact]
    public async Task Ffmpeg_publishes_over_srt_into_veil_which_relays_it_anonymized_and_refusals_reach_the_caller()
    {
        var (clip, face) = await FaceCamera.ClipAsync(Dir, "ts");
        string other = Path.Combine(Dir, "other.mp4");
        await FfTools.GenerateClipAsync(other, 320, 240, 25, 3, withAudio: false);

        await using var nginx = await NginxRtmpServer.StartNewAsync();
        int srtPort = LoopbackPort.PickFreeUdp(), httpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}", ingest = $"srt://127.0.0.1:{srtPort}";
        await using var veil = VeilProcess.Start(models.Environment, "serve", "--http", api, "--admin-token", Token,
            "--rtmp", "off", "--grpc", "off", "--webrtc", "off", "--srt", $"127.0.0.1:{srtPort}",
            "--stream", $"cam:{Key}", "--pull", $"other={other}", "--loop", "--forward", nginx.Url("{stream}"));
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");
        await serve.WaitForAsync("other", s => s.GetProperty("frames").GetInt64() > 10);

        // An encoder as a phone app would run it: real time, H.264 + AAC in MPEG-TS, until the test cuts it off.
        using var cut = new CancellationTokenSource();
        var publish = FfTools.RunFfmpegAsync(["-re", "-stream_loop", "-1", "-i", clip, "-c", "copy", "-f", "mpegts", $"{ingest}?streamid=publish:cam:{Key}"],
            TimeSpan.FromMinutes(3), cut.Token);
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("frames").GetInt64() > 25);
        var probe = await FfTools.ProbeLiveAsync(nginx.Url("cam"));
        Assert.Equal("h264", probe.Video.CodecName);
        Assert.Equal((640, 360), (probe.Video.Width, probe.Video.Height));
        Assert.NotNull(probe.Audio);
        await FarEnd.AssertFaceRedactedAsync(models, face, nginx.Url("cam"), Dir);

        // Refusals while cam is publishing: each is answered in the handshake, and nothing else notices.
        long otherBefore = (await serve.GetAsync("other")).GetProperty("frames").GetInt64();
        var wrongKey = await FfTools.RunFfmpegAsync(["-re", "-i", clip, "-t", "1", "-c", "copy", "-f", "mpegts", $"{ingest}?streamid=publish:cam:not-the-key-000"]);
        Assert.False(wrongKey.Succeeded);
        Assert.Contains("REJECT reported from HS processing: Application-defined rejection reason", wrongKey.StdErr); // FFmpeg 5.1's libsrt prints no code
        var malformed = await FfTools.RunFfmpegAsync(["-re", "-i", clip, "-t", "1", "-c", "copy", "-f", "mpegts", $"{ingest}?streamid=cam"]);
        Assert.False(malformed.Succeeded);
        Assert.Contains("REJECT reported", malformed.StdErr);
        // The codes themselves, as any libsrt caller reads them (srt_getrejectreason).
        Assert.Equal(1401, SrtCaller.RejectCode(srtPort, "publish:cam:not-the-key-000"));
        Assert.Equal(1404, SrtCaller.RejectCode(srtPort, $"publish:nosuchstream:{Key}"));
        Assert.Equal(1409, SrtCaller.RejectCode(srtPort, $"#!::r=cam,m=publish,s={Key}"));
        Assert.Equal(1400, SrtCaller.RejectCode(srtPort, "hello"));
        Assert.Equal(1405, SrtCaller.RejectCode(srtPort, "read:cam"));
        Assert.True((await serve.GetAsync("other")).GetProperty("frames").GetInt64() > otherBefore, "the pulled stream stalled during the refusals");
        long camBefore = (await serve.GetAsync("cam")).GetProperty("frames").GetInt64();
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("frames").GetInt64() > camBefore + 25);

        // The encoder killed: its session ends (SRT hears nothing more), the stream waits, and GStreamer publishes next.
        cut.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publish);
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");
        var gstreamer = ChildProcess.RunAsync("gst-launch-1.0", ["-q", "videotestsrc", "is-live=true", "num-buffers=150", "!", "video/x-raw,width=320,height=240,framerate=25/1",
            "!", "x264enc", "tune=zerolatency", "key-int-max=25", "!", "mpegtsmux", "!", "srtsink", $"uri={ingest}", $"streamid=#!::r=cam,m=publish,s={Key}"], TimeSpan.FromMinutes(1));
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("attempts").GetInt32() == 2 && s.GetProperty("frames").GetInt64() > 25);
        (await gstreamer).EnsureSuccess();

        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
        string logs = veil.Output;
        log.WriteLine(logs);
        Assert.Contains("publish refused (1401 unauthorized): the key is not the key of stream 'cam' (stream id 'publish:cam:***')", logs);
        Assert.Contains("publish refused (1400 bad request): stream id 'cam' is not one of", logs);
        Assert.Contains("publish refused (1404 not found): no stream named 'nosuchstream'", logs);
        Assert.Contains("publish refused (1409 conflict): stream cam already has a publisher", logs);
        Assert.Contains("publish refused (1405 bad mode): Veil's SRT port takes publishers only", logs);
        Assert.Matches(@"srt session 1 from 127\.0\.0\.1:\d+ \(stream cam\): ended: (publisher disconnected|connection lost)", logs);
        Assert.Matches(@"srt session 2 from 127\.0\.0\.1:\d+ \(stream cam\): ended: publisher disconnected \([1-9]\d+ bytes received; [1-9]\d+ packets, \d+ lost on the way, \d+ too late to play\)", logs);
        Assert.DoesNotContain(Key, logs);
    }
}
