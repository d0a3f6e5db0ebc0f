namespace Veil.WebRtc.Srtp;

/// <summary>
/// The SRTP protection profiles DTLS-SRTP negotiates in its use_srtp extension (RFC 5764 §4.1.2,
/// RFC 7714 §14.2), valued as their two-byte profile ids. These two are the ones browsers offer.
/// </summary>
public enum SrtpProfile : ushort
{
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80: AES-128 counter mode, HMAC-SHA1 tag cut to 80 bits (RFC 3711).</summary>
    Aes128CmHmacSha1_80 = 0x0001,

    /// <summary>SRTP_AEAD_AES_128_GCM: AES-128-GCM with a 16-byte tag (RFC 7714).</summary>
    AeadAes128Gcm = 0x0007,
}
