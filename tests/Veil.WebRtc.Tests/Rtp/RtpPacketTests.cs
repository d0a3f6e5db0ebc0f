using Veil.WebRtc.Rtp;

namespace Veil.WebRtc.Tests.Rtp;

/// <summary>RTP headers from public test data and Chrome captures (see the corpus files' comments), built packets, malformed ones, random input.</summary>
public sealed class RtpPacketTests
{
    private const string Parser = "RtpPacket";

    [Fact]
    public void The_pion_packet_gives_its_header_extension_and_payload()
    {
        var packet = Parse("pion-extension-marker.hex");
        Assert.True(packet.Marker);
        Assert.Equal(96, packet.PayloadType);
        Assert.Equal(27023, packet.SequenceNumber);
        Assert.Equal(3653407706u, packet.Timestamp);
        Assert.Equal(476325762u, packet.Ssrc);
        Assert.Empty(packet.Csrcs);
        Assert.True(packet.HasExtension);
        Assert.Equal(1, packet.ExtensionProfile);
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF], packet.Extension.ToArray());
        Assert.Equal([0x98, 0x36, 0xbe, 0x88, 0x9e], packet.Payload.ToArray());
        Assert.Equal(0, packet.PaddingLength);
        Assert.Equal(SeedCorpus.ReadHex(Parser, "pion-extension-marker.hex"), packet.ToArray());
    }

    [Fact]
    public void Padding_is_removed_from_the_payload()
    {
        var packet = Parse("pion-padded.hex");
        Assert.Equal([0x98], packet.Payload.ToArray());
        Assert.Equal(4, packet.PaddingLength);
    }

    [Fact]
    public void Chrome_one_byte_extension_elements_are_found_by_id()
    {
        var packet = Parse("chrome-one-byte-extensions.hex");
        Assert.Equal((45, 6751, 3557360969u, 0xf7b16e83u), (packet.PayloadType, packet.SequenceNumber, packet.Timestamp, packet.Ssrc));
        Assert.Equal(0xBEDE, packet.ExtensionProfile);
        Assert.Equal("f34350", Extension(packet, 2));
        Assert.Equal("009b", Extension(packet, 4));
        Assert.Equal("810045", Extension(packet, 13));
        Assert.False(packet.TryGetExtension(3, out _));
        Assert.True(packet.Payload.IsEmpty);
    }

    [Fact]
    public void Chrome_two_byte_extension_elements_are_found_by_id()
    {
        var packet = Parse("chrome-two-byte-extensions.hex");
        Assert.Equal(0x1000, packet.ExtensionProfile);
        Assert.Equal(68, packet.Extension.Length);
        Assert.Equal("03f7ae", Extension(packet, 2));
        Assert.Equal("0002", Extension(packet, 4));
        Assert.Equal("30", Extension(packet, 9));
        Assert.Equal("00", Extension(packet, 3));
        Assert.Equal("01000100070007000a00000000", Extension(packet, 7));
        Assert.Equal("c000018003187aaaf130a0a014d1413823046008642222265009f0077013f00ef0", Extension(packet, 13));
    }

    [Fact]
    public void Csrcs_are_read_and_written_back()
    {
        var bytes = SeedCorpus.ReadHex(Parser, "two-csrcs.hex");
        var packet = Parse("two-csrcs.hex");
        Assert.Equal([0x01020304u, 0x0a0b0c0du], packet.Csrcs);
        Assert.Equal((111, 65535, 0x1000u, 0x12345678u), (packet.PayloadType, packet.SequenceNumber, packet.Timestamp, packet.Ssrc));
        Assert.Equal([0xaa, 0xbb, 0xcc], packet.Payload.ToArray());
        Assert.Equal(bytes, packet.ToArray());
    }

    [Fact]
    public void A_built_packet_parses_back_to_its_fields()
    {
        var built = new RtpPacket
        {
            Marker = true, PayloadType = 102, SequenceNumber = 7, Timestamp = 90_000, Ssrc = 0xCAFEBABE,
            Csrcs = [5], HasExtension = true, ExtensionProfile = 0xBEDE, Extension = new byte[] { 0x10, 0xAA, 0, 0 },
            Payload = new byte[] { 1, 2, 3 },
        };
        Assert.True(RtpPacket.TryParse(built.ToArray(), out var parsed, out _));
        Assert.Equal((true, 102, 7, 90_000u, 0xCAFEBABEu), (parsed.Marker, parsed.PayloadType, parsed.SequenceNumber, parsed.Timestamp, parsed.Ssrc));
        Assert.Equal([5u], parsed.Csrcs);
        Assert.Equal("aa", Extension(parsed, 1));
        Assert.Equal([1, 2, 3], parsed.Payload.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPacket { PayloadType = 128 });
        Assert.Throws<ArgumentException>(() => built.WriteTo(new byte[built.Size - 1]));
    }

    [Theory]
    [InlineData("8060", "2 bytes are shorter than an RTP header (12)")]
    [InlineData("406000010000000000000001", "RTP version 1, expected 2")]
    [InlineData("836000010000000000000001aabbccdd", "3 CSRCs run past the end")]
    [InlineData("906000010000000000000001bede", "extension's own header runs past")]
    [InlineData("906000010000000000000001bede0002aabbccdd", "header extension of 8 bytes runs past")]
    [InlineData("a06000010000000000000001", "padding flag set but nothing follows")]
    [InlineData("a06000010000000000000001aabb00", "padding length 0")]
    [InlineData("a06000010000000000000001aabb28", "padding length 40 exceeds payload (3 bytes)")]
    public void Malformed_packets_say_what_is_wrong(string hex, string reason)
    {
        Assert.False(RtpPacket.TryParse(Convert.FromHexString(hex), out _, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("80e0", true, false)] // RTP, payload type 96 with the marker
    [InlineData("80c8", true, true)] // RTCP sender report (200)
    [InlineData("81cd", true, true)] // RTCP generic NACK (205)
    [InlineData("8060", true, false)]
    [InlineData("0001", false, false)] // STUN binding request
    [InlineData("16fe", false, false)] // DTLS handshake
    [InlineData("c0c8", false, false)] // 192: outside RTP's 128..191
    public void Demultiplexing_tells_rtp_and_rtcp_from_the_rest(string hex, bool looks, bool isRtcp)
    {
        var datagram = Convert.FromHexString(hex);
        Assert.Equal(looks, RtpPacket.Looks(datagram));
        Assert.Equal(isRtcp, RtpPacket.IsRtcp(datagram));
    }

    public static TheoryData<string> Corpus => SeedCorpus.Names(Parser);

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_corpus_packet_parses_and_writes_back_its_header_and_payload(string name)
    {
        var packet = Parse(name);
        Assert.True(RtpPacket.TryParse(packet.ToArray(), out var again, out _));
        Assert.Equal(packet.Payload.ToArray(), again.Payload.ToArray());
        Assert.Equal(packet.Extension.ToArray(), again.Extension.ToArray());
    }

    [Fact]
    public void Random_and_mutated_packets_never_throw() => Fuzz.WithinDeadline(() =>
    {
        var random = new Random(3550);
        var seeds = SeedCorpus.AllHex(Parser).ToArray();
        for (int i = 0; i < 40_000; i++)
        {
            byte[] bytes = i % 2 == 0 ? Fuzz.RandomBytes(random, random.Next(0, 64)) : Fuzz.Mutate(random, seeds[random.Next(seeds.Length)]);
            if (i % 4 == 0 && bytes.Length > 0) bytes[0] = (byte)(0x80 | bytes[0] & 0x3F); // version 2, to get past the first check
            if (!RtpPacket.TryParse(bytes, out var packet, out var error))
            {
                Assert.False(string.IsNullOrEmpty(error));
                continue;
            }
            for (int id = 0; id < 16; id++) packet.TryGetExtension(id, out _);
            Assert.True(RtpPacket.TryParse(packet.ToArray(), out _, out _)); // what we parse, we can write
        }
    });

    private static RtpPacket Parse(string corpusName)
    {
        Assert.True(RtpPacket.TryParse(SeedCorpus.ReadHex(Parser, corpusName), out var packet, out var error), error);
        return packet;
    }

    private static string Extension(RtpPacket packet, int id)
    {
        Assert.True(packet.TryGetExtension(id, out var value), $"no extension element {id}");
        return Convert.ToHexStringLower(value.Span);
    }
}
