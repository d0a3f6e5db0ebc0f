using Veil.WebRtc.Dtls;

namespace Veil.WebRtc.Tests.Dtls;

/// <summary>Demultiplexing and the DTLS record header: real records, malformed ones with their reasons, and random input.</summary>
public sealed class DtlsRecordTests
{
    private const string Parser = "DtlsRecord";

    [Theory]
    [InlineData(new byte[] { 22, 0xFE, 0xFD }, true)]   // handshake
    [InlineData(new byte[] { 20 }, true)]                // first of the DTLS range
    [InlineData(new byte[] { 63 }, true)]                // last of the DTLS range
    [InlineData(new byte[] { 0x00, 0x01 }, false)]       // STUN binding request
    [InlineData(new byte[] { 64 }, false)]               // TURN channel
    [InlineData(new byte[] { 0x80, 0x60 }, false)]       // RTP
    [InlineData(new byte[0], false)]
    public void Looks_follows_the_rfc_7983_ranges(byte[] datagram, bool isDtls) => Assert.Equal(isDtls, DtlsRecord.Looks(datagram));

    [Fact]
    public void An_openssl_client_hello_gives_its_header_fields()
    {
        var datagram = SeedCorpus.ReadHex(Parser, "valid-openssl-client-hello.hex");
        Assert.True(DtlsRecord.TryParseRecordHeader(datagram, out var header, out _));
        Assert.Equal(new DtlsRecordHeader(DtlsRecordHeader.Handshake, DtlsRecordHeader.Dtls10, 0, 0, (ushort)(datagram.Length - 13)), header);
    }

    [Fact]
    public void An_encrypted_finished_gives_epoch_1()
    {
        var datagram = SeedCorpus.ReadHex(Parser, "valid-encrypted-finished-epoch-1.hex");
        Assert.True(DtlsRecord.TryParseRecordHeader(datagram, out var header, out _));
        Assert.Equal((DtlsRecordHeader.Handshake, DtlsRecordHeader.Dtls12, (ushort)1, 0UL), (header.ContentType, header.Version, header.Epoch, header.SequenceNumber));
    }

    [Theory]
    [InlineData("16FEFD00000000000000", "shorter than a DTLS record header")]
    [InlineData("19FEFD00000000000000000000", "content type 25 is not a DTLS 1.2 record type")]
    [InlineData("1603030000000000000000000100", "version 0x0303 is not DTLS")]
    [InlineData("16FEFD0000000000000000480100", "fragment length 18433 exceeds the limit")]
    [InlineData("16FEFD00000000000000000005010203", "fragment length 5 but 3 bytes follow")]
    public void Malformed_headers_say_what_is_wrong(string hex, string expected)
    {
        Assert.False(DtlsRecord.TryParseRecordHeader(Convert.FromHexString(hex), out _, out var reason));
        Assert.Contains(expected, reason);
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Corpus_packets_parse_as_their_names_say(string file)
    {
        var datagram = SeedCorpus.ReadHex(Parser, file);
        bool parsed = DtlsRecord.TryParseRecordHeader(datagram, out var header, out var reason);
        Assert.True(parsed == file.StartsWith("valid-"), $"{file}: {reason}");
        if (parsed) Assert.True(DtlsRecordHeader.Size + header.Length <= datagram.Length);
        else Assert.NotEmpty(reason);
    }

    public static IEnumerable<object[]> CorpusFiles() => SeedCorpus.Names(Parser);

    [Fact]
    public void Random_and_mutated_datagrams_never_throw_and_a_parsed_header_fits()
    {
        var random = new Random(6347);
        var seeds = SeedCorpus.AllHex(Parser).ToArray();
        for (int i = 0; i < 50_000; i++)
        {
            byte[] datagram = i % 2 == 0 ? Fuzz.RandomBytes(random, random.Next(0, 64)) : Fuzz.Mutate(random, seeds[random.Next(seeds.Length)]);
            if (DtlsRecord.TryParseRecordHeader(datagram, out var header, out var reason))
            {
                Assert.True(DtlsRecord.Looks(datagram));
                Assert.True(DtlsRecordHeader.Size + header.Length <= datagram.Length);
            }
            else
            {
                Assert.NotEmpty(reason);
            }
        }
    }
}
