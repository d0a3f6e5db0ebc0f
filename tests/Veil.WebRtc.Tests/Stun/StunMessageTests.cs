using System.Net;
using System.Text;
using Veil.WebRtc.Stun;

namespace Veil.WebRtc.Tests.Stun;

/// <summary>STUN against the RFC 5769 test vectors, our own responses read back, and random input.</summary>
public sealed class StunMessageTests
{
    private static readonly byte[] Password = Encoding.UTF8.GetBytes("VOkJxbRl1RmTxUk/WvJxBt");

    // RFC 5769 2.1: sample request (software "STUN test client", username "evtj:h6vY").
    private static readonly byte[] SampleRequest =
    [
        0x00, 0x01, 0x00, 0x58, 0x21, 0x12, 0xa4, 0x42, 0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86,
        0xfa, 0x87, 0xdf, 0xae, 0x80, 0x22, 0x00, 0x10, 0x53, 0x54, 0x55, 0x4e, 0x20, 0x74, 0x65, 0x73,
        0x74, 0x20, 0x63, 0x6c, 0x69, 0x65, 0x6e, 0x74, 0x00, 0x24, 0x00, 0x04, 0x6e, 0x00, 0x01, 0xff,
        0x80, 0x29, 0x00, 0x08, 0x93, 0x2f, 0xf9, 0xb1, 0x51, 0x26, 0x3b, 0x36, 0x00, 0x06, 0x00, 0x09,
        0x65, 0x76, 0x74, 0x6a, 0x3a, 0x68, 0x36, 0x76, 0x59, 0x20, 0x20, 0x20, 0x00, 0x08, 0x00, 0x14,
        0x9a, 0xea, 0xa7, 0x0c, 0xbf, 0xd8, 0xcb, 0x56, 0x78, 0x1e, 0xf2, 0xb5, 0xb2, 0xd3, 0xf2, 0x49,
        0xc1, 0xb5, 0x71, 0xa2, 0x80, 0x28, 0x00, 0x04, 0xe5, 0x7a, 0x3b, 0xcf,
    ];

    // RFC 5769 2.2: sample IPv4 response (software "test vector", mapped address 192.0.2.1:32853).
    private static readonly byte[] SampleIpv4Response =
    [
        0x01, 0x01, 0x00, 0x3c, 0x21, 0x12, 0xa4, 0x42, 0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87,
        0xdf, 0xae, 0x80, 0x22, 0x00, 0x0b, 0x74, 0x65, 0x73, 0x74, 0x20, 0x76, 0x65, 0x63, 0x74, 0x6f, 0x72, 0x20,
        0x00, 0x20, 0x00, 0x08, 0x00, 0x01, 0xa1, 0x47, 0xe1, 0x12, 0xa6, 0x43, 0x00, 0x08, 0x00, 0x14, 0x2b, 0x91,
        0xf5, 0x99, 0xfd, 0x9e, 0x90, 0xc3, 0x8c, 0x74, 0x89, 0xf9, 0x2a, 0xf9, 0xba, 0x53, 0xf0, 0x6b, 0xe7, 0xd7,
        0x80, 0x28, 0x00, 0x04, 0xc0, 0x7d, 0x4c, 0x96,
    ];

    [Fact]
    public void The_rfc_5769_request_parses_and_its_integrity_and_fingerprint_check()
    {
        var m = StunMessage.Parse(SampleRequest);
        Assert.Equal(StunMessage.BindingRequest, m.Type);
        Assert.Equal("evtj:h6vY", Encoding.UTF8.GetString(m.Find(StunMessage.Username)!.Value));
        Assert.True(m.VerifyIntegrity(SampleRequest, Password));
        Assert.False(m.VerifyIntegrity(SampleRequest, Encoding.UTF8.GetBytes("wrong password")));
        Assert.True(m.VerifyFingerprint(SampleRequest));
        var damaged = (byte[])SampleRequest.Clone();
        damaged[30] ^= 1; // a byte of the SOFTWARE value
        var again = StunMessage.Parse(damaged);
        Assert.False(again.VerifyIntegrity(damaged, Password));
        Assert.False(again.VerifyFingerprint(damaged));
    }

    [Fact]
    public void The_rfc_5769_ipv4_response_gives_its_mapped_address()
    {
        var m = StunMessage.Parse(SampleIpv4Response);
        Assert.Equal(StunMessage.BindingSuccess, m.Type);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), m.MappedAddress());
        Assert.True(m.VerifyIntegrity(SampleIpv4Response, Password));
        Assert.True(m.VerifyFingerprint(SampleIpv4Response));
    }

    [Theory]
    [InlineData("192.0.2.1", 32853)]
    [InlineData("2001:db8:1234:5678:11:2233:4455:6677", 32853)]
    public void Our_binding_response_encodes_the_address_as_the_rfc_does_and_checks(string address, int port)
    {
        var request = StunMessage.Parse(SampleRequest);
        var mapped = new IPEndPoint(IPAddress.Parse(address), port);
        var bytes = StunWriter.BindingSuccess(request.TransactionId, mapped, Password);
        var response = StunMessage.Parse(bytes);
        Assert.Equal(mapped, response.MappedAddress());
        Assert.True(response.VerifyIntegrity(bytes, Password));
        Assert.True(response.VerifyFingerprint(bytes));
        if (address == "192.0.2.1") Assert.Equal(SampleIpv4Response[40..48], response.Find(StunMessage.XorMappedAddress)!.Value);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01 }, "shorter than a STUN header")]
    [InlineData(new byte[] { 0x80, 0x01, 0, 0, 0x21, 0x12, 0xa4, 0x42, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "top bits set")]
    [InlineData(new byte[] { 0x00, 0x01, 0, 0, 0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "no magic cookie")]
    [InlineData(new byte[] { 0x00, 0x01, 0, 8, 0x21, 0x12, 0xa4, 0x42, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "but 0 bytes follow")]
    [InlineData(new byte[] { 0x00, 0x01, 0, 4, 0x21, 0x12, 0xa4, 0x42, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x06, 0x00, 0x09 }, "runs past the message end")]
    public void Malformed_packets_say_what_is_wrong(byte[] packet, string reason)
    {
        var e = Assert.Throws<StunException>(() => StunMessage.Parse(packet));
        Assert.Contains(reason, e.Message);
    }

    public static TheoryData<string> CorpusFiles => SeedCorpus.Names("Stun");

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Each_corpus_packet_parses_or_is_refused_with_a_stun_error(string name)
    {
        var packet = SeedCorpus.ReadHex("Stun", name);
        try { StunMessage.Parse(packet).MappedAddress(); }
        catch (StunException e) { Assert.False(string.IsNullOrWhiteSpace(e.Message)); }
    }

    [Fact]
    public void Random_and_mutated_packets_never_escape_as_anything_but_a_stun_error()
    {
        var random = new Random(5769);
        var seeds = SeedCorpus.AllHex("Stun").ToArray();
        for (int i = 0; i < 20_000; i++)
        {
            byte[] packet = i % 2 == 0 ? Fuzz.RandomBytes(random, random.Next(0, 120)) : Fuzz.Mutate(random, seeds[random.Next(seeds.Length)]);
            try
            {
                var m = StunMessage.Parse(packet);
                m.VerifyIntegrity(packet, Password);
                m.VerifyFingerprint(packet);
                m.MappedAddress();
            }
            catch (StunException) { }
        }
    }
}
