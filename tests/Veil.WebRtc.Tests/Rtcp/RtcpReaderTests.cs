using Veil.WebRtc.Rtcp;
using Veil.WebRtc.Tests.Rtp;

namespace Veil.WebRtc.Tests.Rtcp;

/// <summary>RTCP from public test data (see the corpus files' comments), malformed compounds, random input.</summary>
public sealed class RtcpReaderTests
{
    private const string Parser = "Rtcp";

    [Fact]
    public void The_pion_packet_dump_splits_into_its_five_packets()
    {
        var packets = Parse("pion-compound-rr-sdes-bye-pli-rrr.hex");
        Assert.Equal(5, packets.Count);
        var rr = Assert.IsType<ReceiverReport>(packets[0]);
        Assert.Equal(0x902f9e2eu, rr.Ssrc);
        Assert.Equal(new ReportBlock(0xbc5e9a40, 0, 0, 0x46e1, 273, 0x9f36432, 150137), Assert.Single(rr.Reports));
        Assert.Equal(new SourceDescription(1), packets[1]);
        var bye = Assert.IsType<Bye>(packets[2]);
        Assert.Equal([0x902f9e2eu], bye.Ssrcs);
        Assert.Null(bye.Reason);
        Assert.Equal(new PictureLossIndication(0x902f9e2e, 0x902f9e2e), packets[3]);
        var resync = Assert.IsType<UnknownRtcpPacket>(packets[4]);
        Assert.Equal((205, 5), (resync.PacketType, resync.CountOrFormat));
    }

    [Fact]
    public void The_net7mma_sender_report_gives_its_clocks_and_counts()
    {
        var sr = Assert.IsType<SenderReport>(Assert.Single(Parse("net7mma-sender-report.hex")));
        Assert.Equal((0x434a5f93u, 0xd492ced42c49ba5eUL, 0xc4d09ff4u, 0u, 0u), (sr.Ssrc, sr.NtpTimestamp, sr.RtpTimestamp, sr.PacketCount, sr.OctetCount));
        Assert.Empty(sr.Reports);
    }

    [Fact]
    public void A_published_sender_report_whose_length_field_is_too_short_is_refused()
    {
        Assert.False(RtcpReader.TryParse(SeedCorpus.ReadHex(Parser, "webrtc-rs-sender-report-length-too-short.hex"), out _, out var error));
        Assert.Equal("SR with 1 report blocks needs 48 bytes, has 28", error);
    }

    [Fact]
    public void The_jitsi_nack_expands_both_pid_blp_pairs()
    {
        var nack = Assert.IsType<GenericNack>(Assert.Single(Parse("jitsi-nack-two-pairs.hex")));
        Assert.Equal((0xc6473407u, 0x1295f48fu), (nack.SenderSsrc, nack.MediaSsrc));
        // PID 0x2103 with all 16 BLP bits: 8451..8467; PID 0x2114 with BLP 0x007f: 8468..8475.
        Assert.Equal(Enumerable.Range(8451, 25).Select(n => (ushort)n), nack.LostSequenceNumbers);
    }

    [Fact]
    public void The_mediasoup_nack_names_2959_and_the_two_after_it()
    {
        var nack = Assert.IsType<GenericNack>(Assert.Single(Parse("mediasoup-nack.hex")));
        Assert.Equal((1u, 0x0330bdeeu), (nack.SenderSsrc, nack.MediaSsrc));
        Assert.Equal([2959, 2960, 2961], nack.LostSequenceNumbers);
    }

    [Fact]
    public void Pli_and_fir_ask_for_keyframes()
    {
        Assert.Equal(new PictureLossIndication(0, 0x4bc4fcb4), Assert.Single(Parse("webrtc-rs-pli.hex")));
        var fir = Assert.IsType<FullIntraRequest>(Assert.Single(Parse("fir.hex")));
        Assert.Equal(new FullIntraRequest.Entry(0x12345678, 0x42), Assert.Single(fir.Entries));
    }

    [Fact]
    public void Padding_on_an_unknown_feedback_packet_is_removed()
    {
        var twcc = Assert.IsType<UnknownRtcpPacket>(Assert.Single(Parse("twcc-padded.hex")));
        Assert.Equal((205, 15), (twcc.PacketType, twcc.CountOrFormat));
        Assert.Equal(27, twcc.Body.Length); // 28 bytes after the header, the last one padding
    }

    [Theory]
    [InlineData("", "an empty RTCP packet")]
    [InlineData("81c9", "2 bytes at offset 0 are shorter than an RTCP header (4)")]
    [InlineData("41c90001deadbeef", "RTCP version 1 at offset 0, expected 2")]
    [InlineData("81c90007902f9e2e", "type 201 at offset 0 claims 32 bytes but 8 remain")]
    [InlineData("81c90001902f9e2e", "RR with 1 report blocks needs 28 bytes, has 4")]
    [InlineData("81c80001902f9e2e", "SR with 1 report blocks needs 48 bytes, has 4")]
    [InlineData("82cb0001902f9e2e", "BYE with 2 sources needs 8 bytes, has 4")]
    [InlineData("81cb0002902f9e2e05616200", "BYE reason of 5 bytes runs past")]
    [InlineData("81cd000100000001", "shorter than its two SSRCs")]
    [InlineData("81cd00020000000100000002", "Generic NACK FCI of 0 bytes")]
    [InlineData("84ce00030000000100000002aabbccdd", "FIR FCI of 4 bytes")]
    [InlineData("a1c9000100000000", "RTCP padding length 0")]
    [InlineData("80c9000100000001" + "01", "1 bytes at offset 8 are shorter")]
    public void Malformed_compounds_say_what_is_wrong(string hex, string reason)
    {
        Assert.False(RtcpReader.TryParse(Convert.FromHexString(hex), out _, out var error));
        Assert.Contains(reason, error);
    }

    public static TheoryData<string> Corpus => SeedCorpus.Names(Parser);

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_corpus_compound_is_read_or_refused_with_a_reason(string name)
    {
        if (RtcpReader.TryParse(SeedCorpus.ReadHex(Parser, name), out var packets, out var error)) Assert.NotEmpty(packets);
        else Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Random_and_mutated_compounds_never_throw() => Fuzz.WithinDeadline(() =>
    {
        var random = new Random(4585);
        var seeds = SeedCorpus.AllHex(Parser).ToArray();
        for (int i = 0; i < 40_000; i++)
        {
            byte[] bytes = i % 3 == 0 ? Fuzz.RandomBytes(random, random.Next(0, 64)) : Fuzz.Mutate(random, seeds[random.Next(seeds.Length)]);
            if (i % 3 == 0 && bytes.Length > 3)
            {
                bytes[0] = (byte)(0x80 | bytes[0] & 0x3F); // version 2 and a plausible length, to reach the bodies
                bytes[2] = 0;
                bytes[3] = (byte)(bytes.Length / 4 - 1);
            }
            if (RtcpReader.TryParse(bytes, out var packets, out var error)) Assert.NotEmpty(packets);
            else Assert.False(string.IsNullOrEmpty(error));
        }
    });

    private static List<RtcpPacket> Parse(string corpusName)
    {
        Assert.True(RtcpReader.TryParse(SeedCorpus.ReadHex(Parser, corpusName), out var packets, out var error), error);
        return packets;
    }
}
