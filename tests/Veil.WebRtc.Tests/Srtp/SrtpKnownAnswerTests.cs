using Veil.WebRtc.Srtp;

namespace Veil.WebRtc.Tests.Srtp;

/// <summary>
/// Whole packets against published ones: libsrtp's reference packets (test/srtp_driver.c,
/// srtp_validate and srtp_validate_gcm), which go through key derivation from a master key, and
/// RFC 7714 §16-§17, which give session keys directly.
/// </summary>
public sealed class SrtpKnownAnswerTests
{
    private const uint LibSrtpSsrc = 0xcafebabe;
    private static readonly byte[] LibSrtpRtp = Hex("800f1234decafbadcafebabe" + string.Concat(Enumerable.Repeat("ab", 16)));
    private static readonly byte[] LibSrtpRtcp = Hex("81c8000bcafebabe" + string.Concat(Enumerable.Repeat("ab", 16)));
    private static readonly byte[] LibSrtpCmRtp = Hex("800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb");
    private static readonly byte[] LibSrtpCmRtcp = Hex("81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798");
    private static readonly byte[] LibSrtpGcmRtp = Hex("800f1234decafbadcafebabec5002ede04cfdd2eb91159e0880aa06ed2976826f796b201df3131a127e8a392");
    private static readonly byte[] LibSrtpGcmRtcp = Hex("81c8000bcafebabec98b8b5df0392a55852b6c21ac8e7025c52c6fbea2b3b446ea31123ba88ce61e80000001");

    // RFC 7714 §16: key 00..0f, salt "Quid pro quo", ROC 0; the payload is "Gallia est omnis divisa in partes tres".
    private static readonly SrtpSessionKeys Rfc7714Keys = new(Hex("000102030405060708090a0b0c0d0e0f"), Hex("517569642070726f2071756f"), []);
    private static readonly byte[] Rfc7714Rtp = Hex(
        "8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973 20646976 69736120 696e2070 61727465 73207472 6573");
    private static readonly byte[] Rfc7714Srtp = Hex(
        "8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5 0d294e6f 42a5f47a 51c7d19b 36de3adf" +
        "8833899d 7f27beb1 6a9152cf 765ee439 0cce");

    // RFC 7714 §17.1 and §17.3: SSRC "Mars", SRTCP index 0x5d4 (the §17.1 packet, not §17's preamble one).
    private const uint MarsSsrc = 0x4d617273;
    private static readonly byte[] Rfc7714Rtcp = Hex(
        "81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef");
    private static readonly byte[] Rfc7714EncryptedSrtcp = Hex(
        "81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d c676a5f1 730d6fda 4ce09b46 86303ded" +
        "0bb9275b c84aa458 96cf4d2f c5abf872 45d9eade 800005d4");
    private static readonly byte[] Rfc7714TaggedOnlySrtcp = Hex(
        "81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61 deadbeef deadbeef deadbeef deadbeef" +
        "deadbeef 841dd968 3dd78ec9 2ae58790 125f62b3 000005d4");

    public static TheoryData<SrtpProfile, byte[], byte[]> LibSrtpPackets => new()
    {
        { SrtpProfile.Aes128CmHmacSha1_80, LibSrtpCmRtp, LibSrtpCmRtcp },
        { SrtpProfile.AeadAes128Gcm, LibSrtpGcmRtp, LibSrtpGcmRtcp },
    };

    [Theory]
    [MemberData(nameof(LibSrtpPackets))]
    public void Libsrtp_reference_packets_are_reproduced_from_the_master_key(SrtpProfile profile, byte[] srtp, byte[] srtcp)
    {
        using var sender = LibSrtpReference.Session(profile);
        var output = new byte[100];
        Assert.Equal(srtp, output[..sender.ProtectRtp(LibSrtpRtp, output)]);
        // libsrtp numbers its first SRTCP packet 1; ours would be 0, so the index is given.
        Assert.Equal(srtcp, output[..sender.ProtectRtcp(LibSrtpRtcp, LibSrtpSsrc, 1, output)]);

        using var receiver = LibSrtpReference.Session(profile);
        Assert.Equal(LibSrtpRtp, output[..receiver.UnprotectRtp(srtp, output)]);
        Assert.Equal(LibSrtpRtcp, output[..receiver.UnprotectRtcp(srtcp, output)]);
    }

    [Fact]
    public void Rfc_7714_16_1_srtp_encryption_and_decryption()
    {
        using var sender = new SrtpSession(SrtpProfile.AeadAes128Gcm, Rfc7714Keys, Rfc7714Keys);
        var output = new byte[100];
        Assert.Equal(Rfc7714Srtp, output[..sender.ProtectRtp(Rfc7714Rtp, output)]);

        using var receiver = new SrtpSession(SrtpProfile.AeadAes128Gcm, Rfc7714Keys, Rfc7714Keys);
        Assert.Equal(Rfc7714Rtp, output[..receiver.UnprotectRtp(Rfc7714Srtp, output)]);
    }

    [Fact]
    public void Rfc_7714_17_1_srtcp_encryption_and_tagging()
    {
        using var sender = new SrtpSession(SrtpProfile.AeadAes128Gcm, Rfc7714Keys, Rfc7714Keys);
        var output = new byte[100];
        Assert.Equal(Rfc7714EncryptedSrtcp, output[..sender.ProtectRtcp(Rfc7714Rtcp, MarsSsrc, 0x5d4, output)]);

        using var receiver = new SrtpSession(SrtpProfile.AeadAes128Gcm, Rfc7714Keys, Rfc7714Keys);
        Assert.Equal(Rfc7714Rtcp, output[..receiver.UnprotectRtcp(Rfc7714EncryptedSrtcp, output)]);
    }

    [Fact]
    public void Rfc_7714_17_3_srtcp_tagged_but_not_encrypted_is_verified_and_returned()
    {
        using var receiver = new SrtpSession(SrtpProfile.AeadAes128Gcm, Rfc7714Keys, Rfc7714Keys);
        var output = new byte[100];
        Assert.Equal(Rfc7714Rtcp, output[..receiver.UnprotectRtcp(Rfc7714TaggedOnlySrtcp, output)]);

        var forged = (byte[])Rfc7714TaggedOnlySrtcp.Clone();
        forged[20] ^= 1; // a byte of the clear report, which the tag covers
        using var fresh = new SrtpSession(SrtpProfile.AeadAes128Gcm, Rfc7714Keys, Rfc7714Keys);
        Assert.Equal("authentication tag mismatch", Assert.Throws<SrtpException>(() => fresh.UnprotectRtcp(forged, output)).Message);
    }

    private static byte[] Hex(string spaced) => Convert.FromHexString(spaced.Replace(" ", ""));
}
