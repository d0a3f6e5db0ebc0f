using Veil.WebRtc.Codecs;
using Veil.WebRtc.Rtp;

namespace Veil.WebRtc.Tests.Codecs;

/// <summary>How access units are cut into packets: whole NAL units, STAP-A, FU-A, the marker, numbering, in-band parameter sets.</summary>
public sealed class H264PacketizerTests
{
    private static readonly byte[] Sps = [0x67, 0x42, 0xc0, 0x1e], Pps = [0x68, 0xce, 0x3c, 0x80];

    [Fact]
    public void A_nal_unit_that_fits_goes_whole_with_the_marker()
    {
        var packetizer = new H264Packetizer(0xABCD, 102, firstSequenceNumber: 65535);
        var packets = packetizer.Packetize(Convert.FromHexString("000001" + "4101aa"), 90_000);
        var packet = Assert.Single(packets);
        Assert.Equal((true, 102, 65535, 90_000u, 0xABCDu), (packet.Marker, packet.PayloadType, packet.SequenceNumber, packet.Timestamp, packet.Ssrc));
        Assert.Equal("4101aa", Convert.ToHexStringLower(packet.Payload.Span));
        Assert.Equal(0, packetizer.NextSequenceNumber); // wrapped
    }

    [Fact]
    public void A_large_nal_unit_is_cut_into_near_equal_fu_as()
    {
        var nal = new byte[1000];
        new Random(1).NextBytes(nal);
        nal[0] = 0x65;
        var packets = new H264Packetizer(1, 96, 0, maxPayloadSize: 300).Packetize((byte[])[0, 0, 0, 1, .. nal], 0);
        Assert.Equal(4, packets.Count); // 999 body bytes in fragments of at most 298
        Assert.All(packets, p => Assert.InRange(p.Payload.Length, 2 + 249, 2 + 250));
        Assert.All(packets, p => Assert.Equal(0x7c, p.Payload.Span[0])); // NRI 3, type 28
        Assert.Equal([0x85, 0x05, 0x05, 0x45], packets.Select(p => p.Payload.Span[1])); // S, -, -, E with type 5
        Assert.Equal([false, false, false, true], packets.Select(p => p.Marker));
        Assert.Equal([0, 1, 2, 3], packets.Select(p => (int)p.SequenceNumber));
        Assert.Equal(nal[1..], packets.SelectMany(p => p.Payload[2..].ToArray()));
    }

    [Fact]
    public void Small_neighbours_share_a_stap_a()
    {
        var au = Convert.FromHexString("00000001" + "67aa" + "00000001" + "08bb" + "000001" + "0601" + "00000001" + "65" + new string('c', 40));
        var packets = new H264Packetizer(1, 96, 0, maxPayloadSize: 16).Packetize(au, 0);
        // SPS, PPS (NRI 0) and SEI fit one STAP-A of 1 + 3 x 4 bytes; the 21-byte IDR is split.
        Assert.Equal("78" + "000267aa" + "000208bb" + "00020601", Convert.ToHexStringLower(packets[0].Payload.Span));
        Assert.All(packets.Skip(1), p => Assert.Equal(0x7c, p.Payload.Span[0]));
    }

    [Fact]
    public void Parameter_sets_go_after_the_delimiter_of_an_idr_that_lacks_them()
    {
        Assert.True(H264ParameterSets.TryParse([0, 0, 0, 1, .. Sps, 0, 0, 1, .. Pps], out var sets, out _));
        var packetizer = new H264Packetizer(1, 96, 0) { ParameterSets = sets };
        Assert.Equal(["09f0", "6742c01e", "68ce3c80", "65aa"], NalsSent(packetizer, "00000001 09f0 00000001 65aa"));
        Assert.Equal(["6742c01e", "68ce3c80", "65aa"], NalsSent(packetizer, "00000001 65aa"));
        Assert.Equal(["6742c01e", "68ce3c80", "65aa"], NalsSent(packetizer, "00000001 6742c01e 00000001 65aa")); // the PPS after the SPS
        Assert.Equal("4101", Convert.ToHexStringLower(Assert.Single(packetizer.Packetize(Convert.FromHexString("000000014101"), 0)).Payload.Span)); // only IDRs need them
    }

    [Fact]
    public void An_access_unit_without_a_start_code_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new H264Packetizer(1, 96, 0).Packetize(new byte[] { 0x65, 0x01 }, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new H264Packetizer(1, 96, 0, maxPayloadSize: 2));
    }

    /// <summary>Each NAL unit sent, rebuilt by our depacketizer, as hex.</summary>
    private static List<string> NalsSent(H264Packetizer packetizer, string accessUnitHex)
    {
        var packets = packetizer.Packetize(Convert.FromHexString(accessUnitHex.Replace(" ", "")), 0);
        var depacketizer = new H264Depacketizer();
        var units = new List<H264AccessUnit>();
        foreach (var packet in packets) depacketizer.TryPush(packet, units, out _);
        var data = Assert.Single(units).Data;
        return H264TestStream.NalUnits(data).Select(Convert.ToHexStringLower).ToList();
    }
}
