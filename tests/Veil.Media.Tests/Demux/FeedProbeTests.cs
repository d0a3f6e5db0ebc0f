using Veil.Media.Demux;
using Veil.TestSupport;

namespace Veil.Media.Tests.Demux;

/// <summary>
/// A publisher's stream is probed on its first few frames: every frame the probe reads is a frame
/// the stream's first output waits for. Where the container does not carry the frame rate (WHIP's
/// Matroska, SRT's MPEG-TS), FFmpeg reads 20 frames to estimate it unless told otherwise.
/// </summary>
public sealed class FeedProbeTests
{
    private static readonly string Dir = SharedData.OutDirectory("feed-probe");

    /// <remarks>
    /// SRT's MPEG-TS stands for both here: FFmpeg's Matroska muxer always writes the frame rate, which
    /// WHIP's does not (`veil bench --webrtc` shows that one: its first frame left 1.1 s earlier).
    /// </remarks>
    [Fact]
    public async Task A_feed_is_probed_on_its_first_frames()
    {
        const string format = "mpegts";
        var (bytes, frameEnds) = await ClipAsync(format, "ts");

        long read = ProbedBytes(bytes, format, new Dictionary<string, string>());
        long twenty = ProbedBytes(bytes, format, new Dictionary<string, string> { ["fpsprobesize"] = "20" }); // FFmpeg's own default

        int Frames(long bytesRead) => frameEnds.Count(end => end <= bytesRead);
        Assert.True(Frames(read) <= 8, $"{format}: the probe read {Frames(read)} whole frames ({read} bytes) before the stream could start");
        Assert.True(Frames(twenty) >= 18, $"{format}: with FFmpeg's default the probe read only {Frames(twenty)} frames: this test no longer tells them apart");
    }

    private static long ProbedBytes(byte[] bytes, string format, Dictionary<string, string> extra)
    {
        var feed = new StreamFeed { Format = format };
        feed.Write(bytes);
        feed.Complete();
        using var input = MediaInput.Open($"{format} feed", new InputOptions { Feed = feed, Format = format, Extra = extra });
        Assert.NotNull(input.BestVideo);
        return feed.BytesRead;
    }

    /// <summary>2 s of intra-only 25 fps video with large frames (about FFmpeg's 32 KB read each), and where each frame's bytes end.</summary>
    private static async Task<(byte[] Bytes, List<long> FrameEnds)> ClipAsync(string format, string extension)
    {
        string file = Path.Combine(Dir, $"clip.{extension}");
        (await FfTools.RunFfmpegAsync(["-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=2", "-c:v", "libx264", "-g", "1", "-qp", "0", "-f", format, file])).EnsureSuccess();
        var bytes = await File.ReadAllBytesAsync(file);
        var ends = new List<long>();
        using (var input = MediaInput.Open(file))
        using (var packet = new MediaPacket())
            while (input.TryReadPacket(packet))
                ends.Add(Veil.Media.Interop.Shim.veil_pkt_pos(packet.Ptr) + packet.Size);
        return (bytes, ends);
    }
}
