using Veil.WebRtc.Srtp;

namespace Veil.WebRtc.Tests.Srtp;

/// <summary>Splitting DTLS-exported keying material (RFC 5764 §4.2) and the profiles' lengths.</summary>
public sealed class SrtpKeyMaterialTests
{
    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80, 16, 14, 10, 60)]
    [InlineData(SrtpProfile.AeadAes128Gcm, 16, 12, 16, 56)]
    public void Profiles_have_the_rfc_lengths(SrtpProfile profile, int key, int salt, int tag, int exported)
    {
        Assert.Equal(key, profile.MasterKeyLength());
        Assert.Equal(salt, profile.MasterSaltLength());
        Assert.Equal(tag, profile.AuthTagLength());
        Assert.Equal(exported, SrtpKeyMaterial.ExporterLength(profile));
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Material_splits_as_client_key_server_key_client_salt_server_salt(SrtpProfile profile)
    {
        var material = Enumerable.Range(0, SrtpKeyMaterial.ExporterLength(profile)).Select(i => (byte)i).ToArray();
        int salt = profile.MasterSaltLength();
        var keys = SrtpKeyMaterial.Split(profile, material);
        Assert.Equal(material[0..16], keys.ClientKey);
        Assert.Equal(material[16..32], keys.ServerKey);
        Assert.Equal(material[32..(32 + salt)], keys.ClientSalt);
        Assert.Equal(material[(32 + salt)..], keys.ServerSalt);
    }

    [Fact]
    public void Material_of_the_wrong_length_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => SrtpKeyMaterial.Split(SrtpProfile.AeadAes128Gcm, new byte[60]));
        Assert.Contains("60 bytes of keying material, AeadAes128Gcm needs 56", e.Message);
    }

    [Fact]
    public void What_the_client_protects_with_its_keys_the_server_unprotects_with_the_same()
    {
        var keys = SrtpKeyMaterial.Split(SrtpProfile.AeadAes128Gcm, Enumerable.Range(7, 56).Select(i => (byte)i).ToArray());
        using var clientSends = new SrtpSession(SrtpProfile.AeadAes128Gcm, keys.ClientKey, keys.ClientSalt);
        using var serverReceives = new SrtpSession(SrtpProfile.AeadAes128Gcm, keys.ClientKey, keys.ClientSalt);
        using var serverSendsWrongly = new SrtpSession(SrtpProfile.AeadAes128Gcm, keys.ServerKey, keys.ServerSalt);
        var rtp = SrtpRtpTests.Rtp(1);
        var output = new byte[rtp.Length + SrtpSession.MaxRtpOverhead];
        var srtp = output[..clientSends.ProtectRtp(rtp, output)];
        Assert.Equal(rtp, output[..serverReceives.UnprotectRtp(srtp, output)]);
        Assert.False(serverSendsWrongly.TryUnprotectRtp(srtp, output, out _, out _));
    }
}
