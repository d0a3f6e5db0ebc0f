using Veil.TestSupport;

namespace Veil.Server.Tests.Anonymize;

/// <summary>Veil reads a live rtmp:// stream (ffmpeg publishing into nginx-rtmp) and stops after --duration.</summary>
public sealed class RtmpPullTests
{
    [Fact]
    public async Task ReadsALiveStreamForAGivenDuration()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var nginx = await NginxRtmpServer.StartNewAsync(cts.Token);
        string url = nginx.Url("live", "cam"), output = Path.Combine(SharedData.OutDirectory("rtmp-pull"), "pulled.mp4");
        var publish = FfTools.RunFfmpegAsync(
            ["-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=44100",
             "-t", "8", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "flv", url],
            TimeSpan.FromSeconds(30), cts.Token);
        await Task.Delay(1000, cts.Token);

        var run = await VeilProcess.RunAsync(TimeSpan.FromSeconds(40), "anonymize", "--classes", "none", url, "-o", output, "--duration", "3", "--quiet");
        Assert.True(run.Succeeded, run.StdErr);
        var probe = await FfTools.ProbeAsync(output);
        Assert.InRange(probe.Video.NbReadFrames!.Value, 60, 90);
        Assert.NotNull(probe.Audio);
        await publish;
    }
}
