using Veil.WebRtc.Srtp;

namespace Veil.WebRtc.Tests.Srtp;

/// <summary>The AES-CM keystream and the key derivation against RFC 3711 Appendix B.2 and B.3.</summary>
public sealed class SrtpKeyDerivationTests
{
    private static readonly byte[] B2SessionKey = Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3C");
    private static readonly byte[] B2SessionSalt = Convert.FromHexString("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");
    private static readonly byte[] B3MasterKey = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] B3MasterSalt = Convert.FromHexString("0EC675AD498AFEEBB6960B3AABE6");

    // RFC 3711 B.2: keystream blocks 0-2 and 0xFEFF-0xFF01 of a 65282-block segment.
    private static readonly (int Block, string Keystream)[] B2Blocks =
    [
        (0x0000, "E03EAD0935C95E80E166B16DD92B4EB4"),
        (0x0001, "D23513162B02D0F72A43A2FE4A5F97AB"),
        (0x0002, "41E95B3BB0A2E8DD477901E4FCA894C0"),
        (0xFEFF, "EC8CDF7398607CB0F2D21675EA9EA1E4"),
        (0xFF00, "362B7C3C6773516318A077D7FC5073AE"),
        (0xFF01, "6A2CC3787889374FBEB4C81B17BA6C44"),
    ];

    [Fact]
    public void The_aes_cm_keystream_is_rfc_3711_b2()
    {
        var keystream = new byte[65282 * 16]; // the RFC's 1044512-octet segment
        using var cm = new AesCounterMode(B2SessionKey);
        cm.Apply(Convert.FromHexString("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"), keystream);
        foreach (var (block, expected) in B2Blocks)
            Assert.Equal(expected, Convert.ToHexString(keystream, block * 16, 16));
    }

    [Fact]
    public void An_srtp_packet_of_ssrc_0_and_index_0_is_encrypted_with_the_b2_keystream()
    {
        // B.2's counter is the salt shifted with SSRC, ROC and SEQ all zero: the packet IV must be it.
        var keys = new SrtpSessionKeys(B2SessionKey, B2SessionSalt, new byte[20]);
        using var session = new SrtpSession(SrtpProfile.Aes128CmHmacSha1_80, keys, keys);
        var rtp = new byte[12 + 48];
        rtp[0] = 0x80;
        var srtp = new byte[rtp.Length + 10];
        session.ProtectRtp(rtp, srtp);
        Assert.Equal(string.Concat(B2Blocks.Take(3).Select(b => b.Keystream)), Convert.ToHexString(srtp, 12, 48));
    }

    [Fact]
    public void Key_derivation_gives_rfc_3711_b3_cipher_key_salt_and_auth_key()
    {
        Assert.Equal("C61E7A93744F39EE10734AFE3FF7A087",
            Convert.ToHexString(SrtpKeyDerivation.Derive(B3MasterKey, B3MasterSalt, SrtpKeyDerivation.RtpEncryption, 16)));
        Assert.Equal("30CBBC08863D8C85D49DB34A9AE1",
            Convert.ToHexString(SrtpKeyDerivation.Derive(B3MasterKey, B3MasterSalt, SrtpKeyDerivation.RtpSalt, 14)));
        // B.3 lists 94 octets of auth key; HMAC-SHA1 uses the first 20.
        Assert.Equal(
            "CEBE321F6FF7716B6FD4AB49AF256A15" + "6D38BAA48F0A0ACF3C34E2359E6CDBCE" + "E049646C43D9327AD175578EF7227098" +
            "6371C10C9A369AC2F94A8C5FBCDDDC25" + "6D6E919A48B610EF17C2041E47403576" + "6B68642C59BBFC2F34DB60DBDFB2",
            Convert.ToHexString(SrtpKeyDerivation.Derive(B3MasterKey, B3MasterSalt, SrtpKeyDerivation.RtpAuthentication, 94)));
    }

    [Fact]
    public void Session_keys_are_the_b3_values_for_srtp_and_differ_for_srtcp()
    {
        var rtp = SrtpSessionKeys.Derive(SrtpProfile.Aes128CmHmacSha1_80, B3MasterKey, B3MasterSalt, rtcp: false);
        Assert.Equal("C61E7A93744F39EE10734AFE3FF7A087", Convert.ToHexString(rtp.CipherKey));
        Assert.Equal("30CBBC08863D8C85D49DB34A9AE1", Convert.ToHexString(rtp.Salt));
        Assert.Equal("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4", Convert.ToHexString(rtp.AuthKey));
        var rtcp = SrtpSessionKeys.Derive(SrtpProfile.Aes128CmHmacSha1_80, B3MasterKey, B3MasterSalt, rtcp: true);
        Assert.NotEqual(rtp.CipherKey, rtcp.CipherKey);
        Assert.NotEqual(rtp.AuthKey, rtcp.AuthKey);
        Assert.NotEqual(rtp.Salt, rtcp.Salt);
    }

    [Fact]
    public void Gcm_session_keys_have_a_12_byte_salt_and_no_auth_key()
    {
        var keys = SrtpSessionKeys.Derive(SrtpProfile.AeadAes128Gcm, LibSrtpReference.GcmKey, LibSrtpReference.GcmSalt, rtcp: false);
        Assert.Equal(16, keys.CipherKey.Length);
        Assert.Equal(12, keys.Salt.Length);
        Assert.Empty(keys.AuthKey);
    }
}
