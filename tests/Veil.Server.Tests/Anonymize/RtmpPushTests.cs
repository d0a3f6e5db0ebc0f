using Veil.TestSupport;

namespace Veil.Server.Tests.Anonymize;

/// <summary>Veil pushes to a real nginx-rtmp on loopback; ffmpeg reads the stream back.</summary>
public sealed class RtmpPushTests
{
    [Fact]
    public async Task PushesVideoAndAudioToNginxRtmp()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var nginx = await NginxRtmpServer.StartNewAsync(cts.Token);
        string dir = SharedData.OutDirectory("rtmp-push");
        string clip = Path.Combine(dir, "src.mp4"), recorded = Path.Combine(dir, "played.flv");
        await FfTools.GenerateClipAsync(clip, 640, 360, 25, 4, withAudio: true, cts.Token);
        string url = nginx.Url("live", "veil");

        // The player waits for the publisher; it records what it receives.
        var play = FfTools.RunFfmpegAsync(
            ["-v", "error", "-y", "-i", url, "-c", "copy", "-t", "3", recorded], TimeSpan.FromSeconds(60), cts.Token);
        await Task.Delay(300, cts.Token);

        var push = await VeilProcess.RunAsync(TimeSpan.FromSeconds(60), "anonymize", "--classes", "none", clip, "-o", url, "--mask", "0,0,200,100", "--quiet");
        Assert.True(push.Succeeded, push.StdErr + nginx.ReadErrorLog());
        (await play).EnsureSuccess();

        var probe = await FfTools.ProbeAsync(recorded);
        Assert.Equal("h264", probe.Video.CodecName);
        Assert.Equal(640, probe.Video.Width);
        Assert.Equal(360, probe.Video.Height);
        Assert.True(probe.Video.NbReadFrames >= 50, $"only {probe.Video.NbReadFrames} frames came back");
        Assert.Equal("aac", probe.Audio?.CodecName);
        Assert.Contains("publish: name='veil'", nginx.ReadErrorLog());
    }

    [Fact]
    public async Task PushesToTwoDestinationsAtOnce()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var nginx = await NginxRtmpServer.StartNewAsync(cts.Token);
        string dir = SharedData.OutDirectory("rtmp-push");
        string clip = Path.Combine(dir, "src2.mp4");
        await FfTools.GenerateClipAsync(clip, 320, 240, 25, 2, withAudio: false, cts.Token);

        var push = await VeilProcess.RunAsync(TimeSpan.FromSeconds(60), "anonymize", "--classes", "none", clip, "-o", nginx.Url("live", "a"),
            "-o", nginx.Url("live", "b"), "-o", Path.Combine(dir, "copy.mkv"), "--quiet");
        Assert.True(push.Succeeded, push.StdErr);
        var log = nginx.ReadErrorLog();
        Assert.Contains("publish: name='a'", log);
        Assert.Contains("publish: name='b'", log);
        Assert.Equal(50, (await FfTools.ProbeAsync(Path.Combine(dir, "copy.mkv"))).Video.NbReadFrames);
    }
}
