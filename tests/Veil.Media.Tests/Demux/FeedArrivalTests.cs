using System.Diagnostics;
using Veil.Media.Demux;
using Veil.TestSupport;

namespace Veil.Media.Tests.Demux;

/// <summary>
/// A packet demuxed from bytes Veil was handed is stamped with when those bytes arrived, in every
/// format the ingests feed, however long the demuxer took to read them: time spent queued is
/// latency, and a stamp from the wrong bytes (a cluster's start instead of the block's) would make
/// a live stream look behind and shed.
/// </summary>
public sealed class FeedArrivalTests
{
    private static readonly string Dir = SharedData.OutDirectory("feed-arrival");

    [Theory]
    [InlineData("flv", "flv", "-c:v libx264 -g 25")]
    [InlineData("matroska", "mkv", "-c:v libvpx -b:v 300k -g 100 -live 1 -cluster_time_limit 1000")]
    [InlineData("h264", "h264", "-c:v libx264 -g 25 -bsf:v h264_mp4toannexb")]
    [InlineData("mjpeg", "mjpeg", "-c:v mjpeg")]
    public async Task Each_packet_carries_the_arrival_of_its_own_bytes(string format, string extension, string codec)
    {
        string file = Path.Combine(Dir, $"clip.{extension}");
        (await FfTools.RunFfmpegAsync(["-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=4", .. codec.Split(' '), "-f", format, file])).EnsureSuccess();
        var bytes = await File.ReadAllBytesAsync(file);

        // The file written over 4 s in 40 slices, each write's time kept.
        var feed = new StreamFeed { Format = format };
        var writes = new List<(long End, long Time)>();
        var writer = Task.Run(async () =>
        {
            int slice = bytes.Length / 40 + 1;
            for (int at = 0; at < bytes.Length; at += slice)
            {
                int n = Math.Min(slice, bytes.Length - at);
                lock (writes) writes.Add((at + n, Stopwatch.GetTimestamp())); // before the feed has it, so the reader never finds it missing
                await feed.WriteAsync(bytes.AsMemory(at, n));
                await Task.Delay(100);
            }
            feed.Complete();
        });
        using var input = MediaInput.Open($"{format} feed", new InputOptions { Feed = feed, Format = format, Extra = new Dictionary<string, string> { ["framerate"] = "25" } });
        using var packet = new MediaPacket();
        int packets = 0, from = 0;
        while (input.TryReadPacket(packet))
        {
            // Its bytes are in the file as they were written: the packet was whole when the slice with its last byte came.
            var data = packet.Data.ToArray();
            int at = bytes.AsSpan(from).IndexOf(data); // all of it: short frames of a test pattern begin alike
            Assert.True(at >= 0, $"{format} packet {packets} not found in the file");
            at += from;
            from = at + 1;
            long whole, sliceBefore;
            lock (writes)
            {
                int k = writes.FindIndex(w => w.End > at + data.Length - 1);
                (whole, sliceBefore) = (writes[k].Time, writes[Math.Max(0, k - 1)].Time);
            }
            double off = (packet.ArrivalTimestamp - whole) * 1000.0 / Stopwatch.Frequency;
            double afterSliceBefore = (packet.ArrivalTimestamp - sliceBefore) * 1000.0 / Stopwatch.Frequency;
            // A container's header bytes around the payload may put its end a few bytes into the next
            // slice: a slice early is fine, however long the (loaded) machine took between slices.
            Assert.True(afterSliceBefore > -10 && off < 50, $"{format} packet {packets} stamped {off:0} ms from when its bytes came ({afterSliceBefore:0} ms after the slice before)");
            packets++;
        }
        await writer;
        Assert.True(packets >= 90, $"{packets} packets");
    }
}
