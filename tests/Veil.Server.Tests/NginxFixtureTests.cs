using Veil.TestSupport;

namespace Veil.Server.Tests;

/// <summary>Proves the nginx-rtmp fixture relays a stream: ffmpeg publishes, ffmpeg plays it back.</summary>
public sealed class NginxFixtureTests
{
    [Fact]
    public async Task Relays_a_published_stream_to_a_player()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var nginx = await NginxRtmpServer.StartNewAsync(cts.Token);
        var url = nginx.Url("live", "fixture");
        Assert.StartsWith($"rtmp://127.0.0.1:{nginx.Port}/live/", url);

        // The player connects first and waits for the publisher. Without onMetaData ffmpeg would
        // probe for 5 s, longer than the push, hence the short analyzeduration.
        var play = FfTools.RunFfmpegAsync(
            ["-v", "error", "-analyzeduration", "500000", "-i", url, "-t", "1", "-map", "0:v", "-f", "framecrc", "-"],
            TimeSpan.FromSeconds(20), cts.Token);
        await Task.Delay(300, cts.Token);

        var push = await FfTools.RunFfmpegAsync(
            ["-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "2",
             "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "12", "-pix_fmt", "yuv420p",
             "-f", "flv", url],
            TimeSpan.FromSeconds(20), cts.Token);
        push.EnsureSuccess();

        var played = (await play).EnsureSuccess();
        var frames = played.StdOut.Split('\n').Count(line => line.Length > 0 && !line.StartsWith('#'));
        Assert.True(frames >= 10, $"expected at least 10 frames back from {url}, got {frames}\n{played.StdErr}\n{nginx.ReadErrorLog()}");
        Assert.Contains("publish: name='fixture'", nginx.ReadErrorLog());
    }

    [Fact]
    public async Task Dispose_stops_nginx_and_removes_its_prefix()
    {
        var nginx = await NginxRtmpServer.StartNewAsync();
        var port = nginx.Port;
        var prefix = nginx.PrefixDirectory;
        Assert.True(await LoopbackPort.AcceptsAsync(port));

        await nginx.DisposeAsync();

        Assert.False(Directory.Exists(prefix));
        Assert.False(await LoopbackPort.AcceptsAsync(port));
    }

    [Fact]
    public async Task Generated_clip_probes_as_requested()
    {
        var dir = Directory.CreateTempSubdirectory("veil-fftools-");
        try
        {
            var clip = Path.Combine(dir.FullName, "clip.mp4");
            await FfTools.GenerateClipAsync(clip, 320, 240, 25, 2, withAudio: true);

            var probe = await FfTools.ProbeAsync(clip);

            Assert.Equal("h264", probe.Video.CodecName);
            Assert.Equal(320, probe.Video.Width);
            Assert.Equal(240, probe.Video.Height);
            Assert.Equal(50L, probe.Video.NbReadFrames);
            Assert.Equal(25, probe.Video.AvgFps!.Value, 3);
            Assert.Equal("aac", probe.Audio?.CodecName);
            Assert.InRange(probe.FormatDuration!.Value, 1.9, 2.2);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Shared_data_is_beside_the_repository()
    {
        Assert.True(File.Exists(Path.Combine(SharedData.RepoRoot, "Stream.sln")));
        Assert.Equal(Path.GetFullPath(Path.Combine(SharedData.RepoRoot, "..", "shared")), SharedData.Root);
    }
}
