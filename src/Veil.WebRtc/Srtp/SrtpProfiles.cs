namespace Veil.WebRtc.Srtp;

/// <summary>The lengths each <see cref="SrtpProfile"/> fixes (RFC 5764 §4.1.2, RFC 7714 §12).</summary>
public static class SrtpProfiles
{
    /// <summary>Master key length in bytes: 16, both profiles being AES-128.</summary>
    public static int MasterKeyLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 or SrtpProfile.AeadAes128Gcm => 16,
        _ => throw Unsupported(profile),
    };

    /// <summary>Master salt length in bytes: 14 (112 bits) for AES-CM, 12 (96 bits) for AES-GCM.</summary>
    public static int MasterSaltLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 => 14,
        SrtpProfile.AeadAes128Gcm => 12,
        _ => throw Unsupported(profile),
    };

    /// <summary>Bytes the authentication tag adds to every packet: 10 for HMAC-SHA1-80, 16 for GCM.</summary>
    public static int AuthTagLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 => 10,
        SrtpProfile.AeadAes128Gcm => 16,
        _ => throw Unsupported(profile),
    };

    private static ArgumentOutOfRangeException Unsupported(SrtpProfile profile) =>
        new(nameof(profile), $"SRTP profile 0x{(ushort)profile:x4} is not supported");
}
