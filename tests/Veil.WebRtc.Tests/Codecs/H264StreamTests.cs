using Veil.WebRtc.Codecs;
using Veil.WebRtc.Rtp;
using Veil.WebRtc.Tests.Rtp;

namespace Veil.WebRtc.Tests.Codecs;

/// <summary>
/// A real x264 stream through our packetizer (small MTU, so FU-A and STAP-A both occur), the
/// jitter buffer and the depacketizer: in order, shuffled, and with a packet lost; what comes out
/// is compared byte for byte with the encoder's access units and decoded by ffmpeg.
/// </summary>
public sealed class H264StreamTests(H264TestStream stream) : IClassFixture<H264TestStream>
{
    private const int Mtu = 200;
    private const uint FrameTicks = 3600; // 90 kHz clock, 25 fps

    private IReadOnlyList<byte[]> Expected => stream.AccessUnits.Select(au => H264TestStream.WithFourByteStartCodes(H264TestStream.NalUnits(au))).ToList();

    [Fact]
    public void The_stream_has_what_the_tests_rely_on()
    {
        Assert.Equal(25, stream.AccessUnits.Count);
        var idrs = Enumerable.Range(0, 25).Where(i => H264TestStream.NalUnits(stream.AccessUnits[i]).Any(n => H264TestStream.NalType(n) == 5));
        Assert.Equal([0, 10, 20], idrs);
    }

    [Fact]
    public void In_order_packets_give_back_every_access_unit_byte_for_byte_and_it_decodes()
    {
        var packets = Packetize(stream.AccessUnits);
        Assert.All(packets, p => Assert.True(p.Payload.Length <= Mtu));
        Assert.Contains(packets, p => (p.Payload.Span[0] & 0x1F) == 28); // FU-A
        Assert.Contains(packets, p => (p.Payload.Span[0] & 0x1F) == 24); // STAP-A (SPS + PPS)
        Assert.Equal(25, packets.Count(p => p.Marker));
        Assert.True(packets[^1].SequenceNumber < packets[0].SequenceNumber); // the numbers wrapped

        var (units, depacketizer) = Depacketize(packets);
        Assert.Equal(Expected, units.Select(u => u.Data));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => (uint)i * FrameTicks), units.Select(u => u.Timestamp));
        Assert.Equal([0, 10, 20], units.Select((u, i) => (u, i)).Where(x => x.u.IsKeyframe && x.u.HasSps && x.u.HasPps).Select(x => x.i));
        Assert.False(depacketizer.NeedsKeyframe);
        Assert.Equal(0, depacketizer.DroppedAccessUnits);
        Assert.Equal(25, MediaTool.DecodedFrames(stream.Write("in-order.h264", units.Select(u => u.Data)), "h264"));
    }

    [Fact]
    public void Shuffled_packets_through_the_jitter_buffer_give_back_the_same_stream()
    {
        var packets = Packetize(stream.AccessUnits);
        var random = new Random(6184);
        var arrival = packets.ToArray();
        for (int start = 1; start < arrival.Length; start += 10) random.Shuffle(arrival.AsSpan(start, Math.Min(10, arrival.Length - start)));
        Assert.NotEqual(packets, arrival);

        var (ordered, buffer) = ThroughJitterBuffer(arrival);
        Assert.Equal(0, buffer.LostPackets);
        var (units, _) = Depacketize(ordered);
        Assert.Equal(Expected, units.Select(u => u.Data));
    }

    [Fact]
    public void A_lost_packet_drops_its_access_unit_and_the_rest_of_the_group_until_the_next_idr()
    {
        var packets = Packetize(stream.AccessUnits);
        var au1 = packets.Where(p => p.Timestamp == 1 * FrameTicks).ToList();
        Assert.True(au1.Count >= 3, "access unit 1 should span several FU-A packets at this MTU");
        var lost = au1[1]; // a middle fragment

        var (ordered, buffer) = ThroughJitterBuffer(packets.Where(p => p != lost));
        Assert.Equal(1, buffer.LostPackets);
        var depacketizer = new H264Depacketizer();
        var units = new List<H264AccessUnit>();
        var keyframeWanted = new List<uint>(); // timestamps of the packets after which a PLI would be sent
        foreach (var packet in ordered)
        {
            Assert.True(depacketizer.TryPush(packet, units, out var error), error);
            if (depacketizer.NeedsKeyframe && packet.Timestamp > 0) keyframeWanted.Add(packet.Timestamp); // (wanted at the start too, until the first IDR)
        }

        int[] kept = [0, .. Enumerable.Range(10, 15)];
        Assert.Equal(kept.Select(i => Expected[i]), units.Select(u => u.Data));
        Assert.Equal(9, depacketizer.DroppedAccessUnits);
        Assert.Equal(1 * FrameTicks, keyframeWanted.Min()); // asked from the first packet after the gap
        Assert.Equal(10 * FrameTicks, keyframeWanted.Max()); // until the IDR came whole
        Assert.Equal(kept.Length, MediaTool.DecodedFrames(stream.Write("after-loss.h264", units.Select(u => u.Data)), "h264"));
    }

    [Fact]
    public void Losing_the_first_packet_of_an_idr_drops_it_too_since_its_start_cannot_be_known()
    {
        var packets = Packetize(stream.AccessUnits);
        var lost = packets.First(p => p.Timestamp == 10 * FrameTicks);
        var (units, depacketizer) = Depacketize(packets.Where(p => p != lost));
        int[] kept = [.. Enumerable.Range(0, 10), .. Enumerable.Range(20, 5)];
        Assert.Equal(kept.Select(i => Expected[i]), units.Select(u => u.Data));
        Assert.Equal(10, depacketizer.DroppedAccessUnits);
        Assert.Equal(kept.Length, MediaTool.DecodedFrames(stream.Write("idr-lost.h264", units.Select(u => u.Data)), "h264"));
    }

    [Fact]
    public void Parameter_sets_from_the_avcc_record_are_put_back_in_front_of_each_idr()
    {
        Assert.True(H264ParameterSets.TryParse(stream.AvcC, out var sets, out var error), error);
        var firstNals = H264TestStream.NalUnits(stream.AccessUnits[0]);
        Assert.Equal(firstNals[0], Assert.Single(sets.Sps));
        Assert.Equal(firstNals[1], Assert.Single(sets.Pps));

        var stripped = stream.AccessUnits.Select(au =>
            H264TestStream.WithFourByteStartCodes(H264TestStream.NalUnits(au).Where(n => H264TestStream.NalType(n) is not (7 or 8)))).ToList();
        var (units, _) = Depacketize(Packetize(stripped, sets));
        Assert.Equal(Expected, units.Select(u => u.Data)); // x264 sends them with every IDR: exactly what we restore
    }

    [Fact]
    public void Parameter_sets_also_come_from_annex_b_extradata()
    {
        var nals = H264TestStream.NalUnits(stream.AccessUnits[0]);
        Assert.True(H264ParameterSets.TryParse(stream.AccessUnits[0], out var sets, out _));
        Assert.Equal(nals[0], Assert.Single(sets.Sps));
        Assert.Equal(nals[1], Assert.Single(sets.Pps));
    }

    private static List<RtpPacket> Packetize(IEnumerable<byte[]> accessUnits, H264ParameterSets? sets = null)
    {
        var packetizer = new H264Packetizer(0x5eed, 102, firstSequenceNumber: 65_500, maxPayloadSize: Mtu) { ParameterSets = sets };
        return accessUnits.SelectMany((au, i) => packetizer.Packetize(au, (uint)i * FrameTicks)).ToList();
    }

    private static (List<H264AccessUnit> Units, H264Depacketizer Depacketizer) Depacketize(IEnumerable<RtpPacket> packets)
    {
        var depacketizer = new H264Depacketizer();
        var units = new List<H264AccessUnit>();
        foreach (var packet in packets) Assert.True(depacketizer.TryPush(packet, units, out var error), error);
        return (units, depacketizer);
    }

    /// <summary>Arrivals 1 ms apart, popping as they come; at the end the clock runs on so the last waits end.</summary>
    private static (List<RtpPacket> Ordered, JitterBuffer Buffer) ThroughJitterBuffer(IEnumerable<RtpPacket> arrival)
    {
        var time = new ManualTime();
        var buffer = new JitterBuffer(TimeSpan.FromMilliseconds(200), time: time);
        var ordered = new List<RtpPacket>();
        foreach (var packet in arrival)
        {
            Assert.True(buffer.Push(packet));
            time.Advance(TimeSpan.FromMilliseconds(1));
            while (buffer.TryPop(out var next)) ordered.Add(next);
        }
        time.Advance(TimeSpan.FromMilliseconds(250));
        while (buffer.TryPop(out var next)) ordered.Add(next);
        return (ordered, buffer);
    }
}
