using Veil.WebRtc.Codecs;
using Veil.WebRtc.Rtp;
using Veil.WebRtc.Tests.Rtp;

namespace Veil.WebRtc.Tests.Codecs;

/// <summary>VP8 frames rebuilt from a real libvpx stream (whole and with loss, decoded by ffmpeg), hand-made packets, the corpus, random input.</summary>
public sealed class Vp8DepacketizerTests(Vp8TestStream stream) : IClassFixture<Vp8TestStream>
{
    private const string Parser = "Vp8Depacketizer";
    private const int Mtu = 100;
    private readonly Vp8Depacketizer depacketizer = new();
    private readonly List<Vp8Frame> frames = [];

    [Fact]
    public void In_order_packets_give_back_every_frame_byte_for_byte_and_it_decodes()
    {
        var packets = Vp8TestStream.Packetize(stream.Frames, Mtu, 65_530);
        Assert.True(packets.Count > stream.Frames.Count); // keyframes span several packets
        PushAll(packets);
        Assert.Equal(stream.Frames, frames.Select(f => f.Data));
        Assert.Equal([0, 10, 20], frames.Select((f, i) => (f, i)).Where(x => x.f.IsKeyframe).Select(x => x.i));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => (uint)i * 3600), frames.Select(f => f.Timestamp));
        Assert.Equal(25, MediaTool.DecodedFrames(stream.WriteIvf("in-order.ivf", frames.Select(f => f.Data).ToList()), "ivf"));
    }

    [Theory]
    [InlineData(1, 1, new[] { 0 }, 10)] // the last packet of frame 1: frames 1-9 go, 10 is a keyframe
    [InlineData(7, 5, new[] { 0, 1, 2, 3, 4, 5, 6 }, 10)] // a middle packet of frame 7
    [InlineData(10, 0, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, 20)] // the start of keyframe 10: it has no start
    public void A_lost_packet_drops_its_frame_and_the_rest_until_a_keyframe(int frame, int packetOfFrame, int[] keptBefore, int resumesAt)
    {
        var packets = Vp8TestStream.Packetize(stream.Frames, Mtu, 0);
        var lost = packets.Where(p => p.Timestamp == frame * 3600).ElementAt(packetOfFrame);
        PushAll(packets.Where(p => p != lost));
        int[] kept = [.. keptBefore, .. Enumerable.Range(resumesAt, 25 - resumesAt)];
        Assert.Equal(kept.Select(i => stream.Frames[i]), frames.Select(f => f.Data));
        Assert.Equal(25 - kept.Length, depacketizer.DroppedFrames);
        Assert.False(depacketizer.NeedsKeyframe);
        Assert.Equal(kept.Length, MediaTool.DecodedFrames(stream.WriteIvf($"lost-{frame}-{packetOfFrame}.ivf", frames.Select(f => f.Data).ToList()), "ivf"));
    }

    [Fact]
    public void A_gap_between_whole_frames_still_waits_for_a_keyframe()
    {
        Push(1, 0, true, "10 b0"); // keyframe (P=0)
        Push(3, 7200, true, "10 b1"); // a delta frame whole, but frame 2 may have been lost with 2
        Assert.True(depacketizer.NeedsKeyframe);
        Push(4, 10800, true, "10 c0");
        Assert.Equal(["b0", "c0"], frames.Select(f => Convert.ToHexStringLower(f.Data)));
    }

    [Fact]
    public void A_continuation_whose_start_was_lost_or_a_second_start_drops_the_frame()
    {
        Push(1, 0, true, "10 b0");
        Push(2, 3600, true, "00 b1"); // S=0: no start
        Push(3, 7200, false, "10 b0");
        Push(4, 7200, true, "10 b0"); // a second start for one timestamp
        Push(5, 10800, true, "10 b0");
        Assert.Equal(2, depacketizer.DroppedFrames);
        Assert.Equal(2, frames.Count);
    }

    [Theory]
    [InlineData("", true)] // padding only: no descriptor needed
    [InlineData("80", false)]
    [InlineData("10", false)] // a frame start without its frame tag
    public void Malformed_payloads_are_refused_and_drop_the_frame(string payload, bool accepted)
    {
        Push(1, 0, true, "10 b0");
        Assert.Equal(accepted, depacketizer.TryPush(Packet(2, 3600, true, payload), frames, out var error));
        Assert.Equal(accepted, error is null);
        Push(3, 7200, true, "10 b0");
        Assert.Equal(2, frames.Count);
        Assert.Equal(accepted ? 0 : 1, depacketizer.DroppedFrames);
    }

    [Fact]
    public void The_corpus_keyframe_start_and_continuation_make_one_keyframe()
    {
        foreach (var name in new[] { "keyframe-start-15-bit-picture-id.hex", "keyframe-continuation-marker.hex" })
            Assert.True(depacketizer.TryPush(CorpusPacket(name), frames, out var error), error);
        var frame = Assert.Single(frames);
        Assert.True(frame.IsKeyframe);
        Assert.Equal("b05a009d012a", Convert.ToHexStringLower(frame.Data[..6])); // frame tag, then the keyframe start code 9d 01 2a
    }

    public static TheoryData<string> Corpus => SeedCorpus.Names(Parser);

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_corpus_packet_is_taken_or_refused_with_a_reason(string name)
    {
        if (!depacketizer.TryPush(CorpusPacket(name), frames, out var error)) Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Random_and_mutated_packet_sequences_never_throw() => Fuzz.WithinDeadline(() =>
    {
        var random = new Random(7741);
        var seeds = SeedCorpus.AllHex(Parser).Select(bytes => RtpPacket.TryParse(bytes, out var p, out _) ? p.Payload.ToArray() : []).ToArray();
        var output = new List<Vp8Frame>();
        ushort seq = 0;
        uint timestamp = 0;
        for (int i = 0; i < 60_000; i++)
        {
            seq += (ushort)(random.Next(20) == 0 ? random.Next(65536) : 1);
            if (random.Next(4) == 0) timestamp += 3000;
            byte[] payload = random.Next(3) == 0 ? Fuzz.RandomBytes(random, random.Next(0, 24)) : Fuzz.Mutate(random, seeds[random.Next(seeds.Length)]);
            if (!depacketizer.TryPush(Packet(seq, timestamp, random.Next(3) == 0, payload), output, out var error)) Assert.False(string.IsNullOrEmpty(error));
        }
        Assert.All(output, frame => Assert.NotEmpty(frame.Data));
    });

    private void PushAll(IEnumerable<RtpPacket> packets)
    {
        foreach (var packet in packets) Assert.True(depacketizer.TryPush(packet, frames, out var error), error);
    }

    private void Push(ushort seq, uint timestamp, bool marker, string payloadHex) =>
        Assert.True(depacketizer.TryPush(Packet(seq, timestamp, marker, payloadHex), frames, out var error), error);

    private static RtpPacket Packet(ushort seq, uint timestamp, bool marker, string payloadHex) =>
        Packet(seq, timestamp, marker, Convert.FromHexString(payloadHex.Replace(" ", "")));

    private static RtpPacket Packet(ushort seq, uint timestamp, bool marker, byte[] payload) =>
        new() { SequenceNumber = seq, Timestamp = timestamp, Marker = marker, PayloadType = 97, Payload = payload };

    private static RtpPacket CorpusPacket(string name)
    {
        Assert.True(RtpPacket.TryParse(SeedCorpus.ReadHex(Parser, name), out var packet, out var error), error);
        return packet;
    }
}
