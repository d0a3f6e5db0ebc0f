using Veil.WebRtc.Codecs;
using Veil.WebRtc.Rtp;
using Veil.WebRtc.Tests.Rtp;

namespace Veil.WebRtc.Tests.Codecs;

/// <summary>Hand-made single NAL, STAP-A and FU-A payloads (RFC 6184 §5.6-5.8), broken and malformed ones, the corpus, random input.</summary>
public sealed class H264DepacketizerTests
{
    private const string Parser = "H264Depacketizer";
    private readonly H264Depacketizer depacketizer = new();
    private readonly List<H264AccessUnit> units = [];

    [Fact]
    public void A_single_nal_packet_with_the_marker_is_an_access_unit()
    {
        Push(1, 3000, true, "658884");
        var unit = Assert.Single(units);
        Assert.Equal("00000001658884", Hex(unit.Data));
        Assert.Equal(3000u, unit.Timestamp);
        Assert.True(unit.IsKeyframe);
        Assert.False(unit.HasSps || unit.HasPps);
    }

    [Fact]
    public void Stap_a_and_fu_a_packets_join_into_one_access_unit()
    {
        Push(1, 0, false, "78 0003 670102 0002 6803");
        Push(2, 0, false, "7c85 aabb");
        Push(3, 0, false, "7c05 cc");
        Push(4, 0, true, "7c45 dd");
        var unit = Assert.Single(units);
        Assert.Equal("00000001670102" + "000000016803" + "0000000165aabbccdd", Hex(unit.Data));
        Assert.True(unit.IsKeyframe && unit.HasSps && unit.HasPps);
        Assert.False(depacketizer.NeedsKeyframe);
    }

    [Fact]
    public void A_new_timestamp_ends_an_access_unit_that_had_no_marker()
    {
        Push(1, 0, false, "6501");
        Push(2, 3600, false, "4102");
        Push(3, 3600, true, "4103");
        Assert.Equal(["000000016501", "000000014102000000014103"], units.Select(u => Hex(u.Data)));
    }

    [Fact]
    public void Before_the_first_idr_nothing_can_be_decoded()
    {
        Assert.True(depacketizer.NeedsKeyframe);
        Push(1, 0, true, "4101");
        Push(2, 3600, true, "6502");
        Push(3, 7200, true, "4103");
        Assert.Equal(["000000016502", "000000014103"], units.Select(u => Hex(u.Data)));
        Assert.Equal(1, depacketizer.DroppedAccessUnits);
    }

    [Fact]
    public void A_gap_drops_the_access_unit_and_later_ones_until_an_idr()
    {
        Push(1, 0, true, "6501");
        Push(2, 3600, false, "7c81 aa"); // type 1 in fragments
        Push(4, 3600, true, "7c41 cc"); // 3 was lost
        Assert.True(depacketizer.NeedsKeyframe);
        Push(5, 7200, true, "4104");
        Push(6, 10800, true, "6505");
        Push(7, 14400, true, "4106");
        Assert.Equal(["000000016501", "000000016505", "000000014106"], units.Select(u => Hex(u.Data)));
        Assert.Equal(2, depacketizer.DroppedAccessUnits);
        Assert.False(depacketizer.NeedsKeyframe);
    }

    [Theory]
    [InlineData("7c85aa", "7c81bb")] // a new start before the end: the first NAL never ended
    [InlineData("6501", "7c45bb")] // an end whose start never came
    [InlineData("7c85aa", "6502")] // a single NAL inside an open FU-A
    public void A_broken_fu_a_drops_the_access_unit(string first, string second)
    {
        Push(1, 0, false, first);
        Push(2, 0, true, second);
        Assert.Empty(units);
        Assert.Equal(1, depacketizer.DroppedAccessUnits);
        Assert.True(depacketizer.NeedsKeyframe);
    }

    [Fact]
    public void Padding_only_packets_keep_the_sequence_whole()
    {
        Push(1, 0, true, "6501");
        Push(2, 0, false, "");
        Push(3, 3600, true, "4102");
        Assert.Equal(2, units.Count);
    }

    [Fact]
    public void A_restarted_stream_is_a_gap_but_a_repeated_packet_is_refused()
    {
        Push(5000, 0, true, "6501");
        Assert.False(depacketizer.TryPush(Packet(4999, 0, true, "6501"), units, out var error));
        Assert.Contains("sequence number 4999 is not after 5000", error);
        Push(10, 3600, true, "6502"); // far behind: the sender started over, and what came before 10 is unknown
        Push(11, 7200, true, "6503");
        Assert.Equal(["000000016501", "000000016503"], units.Select(u => Hex(u.Data)));
    }

    [Theory]
    [InlineData("1c", "FU-A of 1 byte has no FU header")]
    [InlineData("7cc5aa", "FU-A with both start and end bits set")]
    [InlineData("7c80aa", "FU-A carries NAL type 0")]
    [InlineData("7c9caa", "FU-A carries NAL type 28")]
    [InlineData("78", "STAP-A holds no NAL unit")]
    [InlineData("7800", "STAP-A size field cut short at byte 1")]
    [InlineData("780000", "STAP-A holds an empty NAL unit at byte 1")]
    [InlineData("7800306764", "STAP-A NAL length 48 at byte 1 runs past the end of the 5-byte payload")]
    [InlineData("7800027800", "STAP-A holds NAL type 24")]
    [InlineData("790001aa", "NAL type 25 (STAP-B) is not used in packetization-mode 1")]
    [InlineData("7a0001aa", "NAL type 26 (MTAP16)")]
    [InlineData("7b0001aa", "NAL type 27 (MTAP24)")]
    [InlineData("7d8500aa", "NAL type 29 (FU-B)")]
    [InlineData("60aa", "NAL unit type 0 is reserved")]
    [InlineData("7eaa", "NAL unit type 30 is reserved")]
    [InlineData("7faa", "NAL unit type 31 is reserved")]
    public void Malformed_payloads_are_refused_with_the_reason_and_drop_the_access_unit(string payload, string reason)
    {
        Push(1, 0, false, "6501");
        Assert.False(depacketizer.TryPush(Packet(2, 0, true, payload), units, out var error));
        Assert.Contains(reason, error);
        Assert.Empty(units);
        Assert.True(depacketizer.NeedsKeyframe);
    }

    [Fact]
    public void The_corpus_sps_stap_a_and_fu_a_packets_make_one_keyframe()
    {
        string[] inOrder = ["single-nal-sps.hex", "stap-a-sps-pps.hex", "fu-a-idr-start.hex", "fu-a-idr-middle.hex", "fu-a-idr-end-marker.hex"];
        foreach (var name in inOrder) Assert.True(depacketizer.TryPush(CorpusPacket(name), units, out var error), error);
        var unit = Assert.Single(units);
        Assert.True(unit.IsKeyframe && unit.HasSps && unit.HasPps);
        Assert.Equal(4, H264TestStream.NalUnits(unit.Data).Count);
    }

    public static TheoryData<string> Corpus => SeedCorpus.Names(Parser);

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_corpus_packet_is_taken_or_refused_with_a_reason(string name)
    {
        if (!depacketizer.TryPush(CorpusPacket(name), units, out var error)) Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Random_and_mutated_packet_sequences_never_throw() => Fuzz.WithinDeadline(() =>
    {
        var random = new Random(6184);
        var seeds = SeedCorpus.AllHex(Parser).Select(bytes => RtpPacket.TryParse(bytes, out var p, out _) ? p.Payload.ToArray() : []).ToArray();
        var output = new List<H264AccessUnit>();
        ushort seq = 0;
        uint timestamp = 0;
        for (int i = 0; i < 60_000; i++)
        {
            seq += (ushort)(random.Next(20) == 0 ? random.Next(65536) : 1);
            if (random.Next(4) == 0) timestamp += 3000;
            byte[] payload = random.Next(3) == 0 ? Fuzz.RandomBytes(random, random.Next(0, 40)) : Fuzz.Mutate(random, seeds[random.Next(seeds.Length)]);
            if (!depacketizer.TryPush(Packet(seq, timestamp, random.Next(3) == 0, payload), output, out var error)) Assert.False(string.IsNullOrEmpty(error));
        }
        Assert.All(output, unit => Assert.Equal([0, 0, 0, 1], unit.Data[..4]));
    });

    private void Push(ushort seq, uint timestamp, bool marker, string payloadHex) =>
        Assert.True(depacketizer.TryPush(Packet(seq, timestamp, marker, payloadHex), units, out var error), error);

    private static RtpPacket Packet(ushort seq, uint timestamp, bool marker, string payloadHex) =>
        Packet(seq, timestamp, marker, Convert.FromHexString(payloadHex.Replace(" ", "")));

    private static RtpPacket Packet(ushort seq, uint timestamp, bool marker, byte[] payload) =>
        new() { SequenceNumber = seq, Timestamp = timestamp, Marker = marker, PayloadType = 96, Payload = payload };

    private static RtpPacket CorpusPacket(string name)
    {
        Assert.True(RtpPacket.TryParse(SeedCorpus.ReadHex(Parser, name), out var packet, out var error), error);
        return packet;
    }

    private static string Hex(byte[] data) => Convert.ToHexStringLower(data);
}
