using Veil.WebRtc.Rtcp;
using Veil.WebRtc.Tests.Rtp;

namespace Veil.WebRtc.Tests.Rtcp;

/// <summary>What we send: byte-exact against public test data, and read back by our reader.</summary>
public sealed class RtcpWriterTests
{
    [Fact]
    public void A_nack_for_2959_to_2961_is_the_mediasoup_packet()
    {
        var bytes = RtcpWriter.GenericNack(1, 0x0330bdee, [2961, 2959, 2960, 2959]);
        Assert.Equal(SeedCorpus.ReadHex("Rtcp", "mediasoup-nack.hex"), bytes);
    }

    [Fact]
    public void A_nack_for_8451_to_8475_is_the_jitsi_packet()
    {
        var lost = Enumerable.Range(8451, 25).Select(n => (ushort)n);
        Assert.Equal(SeedCorpus.ReadHex("Rtcp", "jitsi-nack-two-pairs.hex"), RtcpWriter.GenericNack(0xc6473407, 0x1295f48f, lost));
    }

    [Fact]
    public void A_pli_is_the_webrtc_rs_packet()
    {
        Assert.Equal(SeedCorpus.ReadHex("Rtcp", "webrtc-rs-pli.hex"), RtcpWriter.PictureLossIndication(0, 0x4bc4fcb4));
    }

    [Fact]
    public void Remb_matches_what_chrome_sent_while_watching_a_6_mbit_stream()
    {
        // pion/rtcp's receiver_estimated_maximum_bitrate_test.go: real data sent by Chrome, 8,927,168 bit/s for one SSRC.
        byte[] chrome = [143, 206, 0, 5, 0, 0, 0, 1, 0, 0, 0, 0, 82, 69, 77, 66, 1, 26, 32, 223, 72, 116, 237, 22];
        Assert.Equal(chrome, RtcpWriter.ReceiverEstimatedMaxBitrate(1, 8_927_168, 1215622422));
        Assert.True(RtcpReader.TryParse(RtcpWriter.ReceiverEstimatedMaxBitrate(7, 2_500_000, 1, 2), out var packets, out _));
        Assert.Equal(((byte)206, (byte)15), packets.Single() is UnknownRtcpPacket u ? (u.PacketType, u.CountOrFormat) : default);
    }

    [Fact]
    public void A_receiver_report_with_the_pion_block_is_the_pion_packet_start()
    {
        var block = new ReportBlock(0xbc5e9a40, 0, 0, 0x46e1, 273, 0x9f36432, 150137);
        Assert.Equal(SeedCorpus.ReadHex("Rtcp", "pion-compound-rr-sdes-bye-pli-rrr.hex")[..32], RtcpWriter.ReceiverReport(0x902f9e2e, block));
    }

    [Fact]
    public void An_empty_receiver_report_and_a_negative_loss_read_back()
    {
        var keepAlive = RtcpWriter.ReceiverReport(0x11223344);
        Assert.Equal("80c9000111223344", Convert.ToHexStringLower(keepAlive));
        var block = new ReportBlock(7, 12, -3, 70_000, 5, 6, 7);
        Assert.True(RtcpReader.TryParse([.. keepAlive, .. RtcpWriter.ReceiverReport(1, block)], out var packets, out _));
        Assert.Empty(Assert.IsType<ReceiverReport>(packets[0]).Reports);
        Assert.Equal(block, Assert.Single(Assert.IsType<ReceiverReport>(packets[1]).Reports));
    }

    [Fact]
    public void Random_nack_lists_survive_the_pid_blp_round_trip()
    {
        var random = new Random(6);
        for (int i = 0; i < 2_000; i++)
        {
            ushort first = (ushort)random.Next(65536); // lists cross the 65535 -> 0 wrap now and then
            var lost = Enumerable.Range(0, random.Next(1, 60)).Select(_ => (ushort)(first + random.Next(300))).ToList();
            var expected = lost.Distinct().OrderBy(s => (ushort)(s - first)).ToList();
            Assert.True(RtcpReader.TryParse(RtcpWriter.GenericNack(9, 10, lost), out var packets, out var error), error);
            Assert.Equal(expected, Assert.IsType<GenericNack>(Assert.Single(packets)).LostSequenceNumbers);
        }
    }

    [Fact]
    public void Neighbours_within_sixteen_share_a_pair()
    {
        Assert.Equal([(100, 0b1000_0000_0000_0101), (117, 0)], NackList.Compress([100, 101, 103, 116, 117]));
        Assert.Equal([(65535, 0b11)], NackList.Compress([0, 65535, 1]));
    }
}
