using System.Text.Json;
using Veil.TestSupport;

namespace Veil.Server.Tests.Bench;

/// <summary>`veil bench` runs both sides and reports them; the figures themselves are not asserted (no timed tests).</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task ReportsVeilBesideBareFfmpegAsJson()
    {
        string clip = Path.Combine(SharedData.OutDirectory("bench"), "bench.mp4");
        await FfTools.GenerateClipAsync(clip, 320, 240, 25, 2, withAudio: true);
        var run = await VeilProcess.RunAsync("bench", clip, "--runs", "1", "--json", "--classes", "none");
        Assert.True(run.Succeeded, run.StdErr);
        using var json = JsonDocument.Parse(run.StdOut);
        var root = json.RootElement;
        Assert.Equal(50, root.GetProperty("veil").GetProperty("frames").GetInt64());
        Assert.Equal(50, root.GetProperty("ffmpeg").GetProperty("frames").GetInt64());
        foreach (var side in new[] { "veil", "ffmpeg" })
        {
            Assert.True(root.GetProperty(side).GetProperty("fps").GetDouble() > 0);
            Assert.True(root.GetProperty(side).GetProperty("cpu_s").GetDouble() > 0);
            Assert.True(root.GetProperty(side).GetProperty("peak_rss_mib").GetDouble() > 0);
        }
        Assert.Contains("-preset veryfast -tune zerolatency", root.GetProperty("encoder").GetString());
        Assert.True(root.GetProperty("fps_ratio").GetDouble() > 0);
    }
}
