using Veil.Core.Frames;
using Veil.Media.Codecs;
using Veil.Media.Demux;
using Veil.TestSupport;

namespace Veil.Media.Tests.Codecs;

/// <summary>
/// A live run's latency starts at a packet's arrival. The decoder must neither hold frames back
/// (frame threading keeps one packet per extra thread) nor hide the frames it holds by stamping
/// a frame with a later packet's arrival.
/// </summary>
public sealed class VideoDecoderDelayTests
{
    [Fact]
    public async Task A_live_decoder_gives_each_frame_back_as_soon_as_its_packet_went_in()
    {
        string clip = await MakeClipAsync("no-b-frames", ["-bf", "0"]);
        var (_, heldAfter) = Decode(clip, lowDelay: true);
        Assert.All(heldAfter, held => Assert.Equal(0, held));
    }

    [Fact]
    public async Task A_file_decoder_with_threads_holds_frames_which_is_why_live_runs_do_not_use_it()
    {
        string clip = await MakeClipAsync("no-b-frames", ["-bf", "0"]);
        var (_, heldAfter) = Decode(clip, lowDelay: false);
        Assert.True(heldAfter.Max() >= 1, $"frame threading held no frame on {Environment.ProcessorCount} cores (it needs 2): the low-delay test above would prove nothing");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_frame_carries_its_own_packets_arrival_even_in_reordered_streams(bool lowDelay)
    {
        string clip = await MakeClipAsync("b-frames", ["-bf", "3"]);
        var (frames, _) = Decode(clip, lowDelay);
        Assert.Equal(50, frames.Count);
        Assert.All(frames, f => Assert.Equal(ArrivalOf(f.Pts), f.Arrival));
        Assert.Contains(frames, f => f.Arrival != frames.Max(g => g.Arrival)); // not one stamp for all
    }

    /// <summary>Each packet's arrival is made from its timestamp, so the frame's stamp tells which packet it came from.</summary>
    private static long ArrivalOf(long pts) => 1_000_000 + pts;

    /// <summary>Frames (timestamp, arrival) in output order, and after each packet how many sent packets had no frame out yet.</summary>
    private static (List<(long Pts, long Arrival)> Frames, List<int> HeldAfter) Decode(string clip, bool lowDelay)
    {
        using var input = MediaInput.Open(clip);
        using var decoder = new VideoDecoder(input, input.BestVideo!, lowDelay: lowDelay);
        using var packets = new PacketPool();
        var packet = packets.Rent();
        var frames = new List<(long, long)>();
        var heldAfter = new List<int>();
        int sent = 0;
        try
        {
            while (input.TryReadPacket(packet))
            {
                packet.ArrivalTimestamp = ArrivalOf(packet.Pts);
                decoder.Send(packet);
                sent++;
                Receive(decoder, frames);
                heldAfter.Add(sent - frames.Count);
            }
            decoder.Send(null);
            Receive(decoder, frames);
        }
        finally
        {
            packets.Return(packet);
        }
        return (frames, heldAfter);
    }

    private static void Receive(VideoDecoder decoder, List<(long, long)> frames)
    {
        while (decoder.TryReceive(0, out VideoFrame? frame))
        {
            frames.Add((frame!.Pts, frame.ArrivalTimestamp));
            frame.Release();
        }
    }

    private static async Task<string> MakeClipAsync(string name, string[] encoderOptions)
    {
        string clip = Path.Combine(SharedData.OutDirectory("decoder-delay"), name + ".mp4");
        (await FfTools.RunFfmpegAsync(["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=2",
            "-c:v", "libx264", "-preset", "veryfast", .. encoderOptions, clip])).EnsureSuccess();
        return clip;
    }
}
