namespace Veil.WebRtc.Dtls;

/// <summary>The SRTP protection profiles of the use_srtp extension that Veil supports (RFC 5764 §4.1.2, RFC 7714 §14.2).</summary>
public static class DtlsSrtpProfiles
{
    public const ushort Aes128CmHmacSha1_80 = 0x0001;
    public const ushort AeadAes128Gcm = 0x0007;

    // Both profiles use a 128-bit master key; the salt is 112 bits for AES-CM and 96 bits for AEAD (RFC 7714 §12).
    internal const int MasterKeyLength = 16;

    internal static int MasterSaltLength(ushort profile) => profile == AeadAes128Gcm ? 12 : 14;

    /// <summary>Our choice among the client's offer: GCM (authenticated encryption, cheaper) when offered, else CM-80; null when neither is.</summary>
    internal static ushort? Choose(int[] offered) =>
        offered.Contains(AeadAes128Gcm) ? AeadAes128Gcm : offered.Contains(Aes128CmHmacSha1_80) ? Aes128CmHmacSha1_80 : null;

    /// <summary>"SRTP_AEAD_AES_128_GCM (0x0007)", for messages.</summary>
    public static string Describe(int profile) => profile switch
    {
        0x0001 => "SRTP_AES128_CM_HMAC_SHA1_80 (0x0001)",
        0x0002 => "SRTP_AES128_CM_HMAC_SHA1_32 (0x0002)",
        0x0007 => "SRTP_AEAD_AES_128_GCM (0x0007)",
        0x0008 => "SRTP_AEAD_AES_256_GCM (0x0008)",
        _ => $"0x{profile:X4}",
    };
}
