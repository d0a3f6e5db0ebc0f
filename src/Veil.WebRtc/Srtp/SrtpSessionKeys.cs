namespace Veil.WebRtc.Srtp;

/// <summary>
/// The session keys of one stream kind (SRTP or SRTCP) of one direction: the cipher key, the
/// session salt, and for AES-CM the HMAC-SHA1 key (empty for GCM, which authenticates itself).
/// </summary>
internal sealed record SrtpSessionKeys(byte[] CipherKey, byte[] Salt, byte[] AuthKey)
{
    private const int HmacSha1KeyLength = 20; // RFC 3711 §8.2: n_a = 160 bits

    /// <summary>Derives the SRTP (labels 0-2) or SRTCP (labels 3-5) session keys from a master key and salt.</summary>
    public static SrtpSessionKeys Derive(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, bool rtcp)
    {
        if (masterKey.Length != profile.MasterKeyLength())
            throw new ArgumentException($"{profile} takes a {profile.MasterKeyLength()}-byte master key, not {masterKey.Length}", nameof(masterKey));
        if (masterSalt.Length != profile.MasterSaltLength())
            throw new ArgumentException($"{profile} takes a {profile.MasterSaltLength()}-byte master salt, not {masterSalt.Length}", nameof(masterSalt));
        var (encryption, authentication, salting) = rtcp
            ? (SrtpKeyDerivation.RtcpEncryption, SrtpKeyDerivation.RtcpAuthentication, SrtpKeyDerivation.RtcpSalt)
            : (SrtpKeyDerivation.RtpEncryption, SrtpKeyDerivation.RtpAuthentication, SrtpKeyDerivation.RtpSalt);
        var cipherKey = SrtpKeyDerivation.Derive(masterKey, masterSalt, encryption, profile.MasterKeyLength());
        var salt = SrtpKeyDerivation.Derive(masterKey, masterSalt, salting, profile.MasterSaltLength());
        var authKey = profile == SrtpProfile.AeadAes128Gcm
            ? []
            : SrtpKeyDerivation.Derive(masterKey, masterSalt, authentication, HmacSha1KeyLength);
        return new SrtpSessionKeys(cipherKey, salt, authKey);
    }
}
