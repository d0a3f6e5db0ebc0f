using System.Buffers.Binary;

namespace Veil.WebRtc.Srtp;

/// <summary>
/// The cryptographic half of SRTP for one set of session keys: encrypt and tag, verify and
/// decrypt, for RTP and RTCP. Parsing, rollover and replay state are the session's business;
/// a transform is told the header length, SSRC and packet index and only does the crypto.
/// </summary>
internal abstract class SrtpTransform : IDisposable
{
    /// <summary>Size of the ESRTCP word: the E (encrypted) flag and the 31-bit SRTCP index (RFC 3711 §3.4).</summary>
    public const int EsrtcpLength = 4;
    public const uint EncryptedFlag = 0x8000_0000;

    public static SrtpTransform Create(SrtpProfile profile, SrtpSessionKeys keys) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 => new AesCmHmacSha1Transform(keys),
        SrtpProfile.AeadAes128Gcm => new AesGcmTransform(keys),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), $"SRTP profile 0x{(ushort)profile:x4} is not supported"),
    };

    public abstract int TagLength { get; }

    /// <summary>Writes header, encrypted payload and tag: <c>rtp.Length + TagLength</c> bytes.</summary>
    public abstract void ProtectRtp(ReadOnlySpan<byte> rtp, int headerLength, uint ssrc, ulong index, Span<byte> output);

    /// <summary>False when the tag does not match; otherwise writes the <c>srtp.Length - TagLength</c> plaintext bytes.</summary>
    public abstract bool UnprotectRtp(ReadOnlySpan<byte> srtp, int headerLength, uint ssrc, ulong index, Span<byte> output);

    /// <summary>Encrypts (E = 1) and tags: <c>rtcp.Length + EsrtcpLength + TagLength</c> bytes.</summary>
    public abstract void ProtectRtcp(ReadOnlySpan<byte> rtcp, uint ssrc, uint index, Span<byte> output);

    /// <summary>The ESRTCP word, which RFC 3711 puts before the tag and RFC 7714 after it.</summary>
    public abstract uint ReadEsrtcpWord(ReadOnlySpan<byte> srtcp);

    /// <summary>False when the tag does not match; otherwise writes the RTCP packet, decrypted if E was set.</summary>
    public abstract bool UnprotectRtcp(ReadOnlySpan<byte> srtcp, uint ssrc, uint esrtcp, Span<byte> output);

    public abstract void Dispose();

    /// <summary>
    /// The per-packet IV, the salt XORed with the SSRC and the 48-bit index right-aligned under it.
    /// For AES-CM's 14-byte salt this is RFC 3711 §4.1.1 (the caller leaves two zero bytes after it);
    /// for GCM's 12-byte salt it is RFC 7714 §8.1 and §9.1 (the SRTCP index has the ROC's place zero).
    /// <code>
    ///   CM:  | salt 0-3 | salt 4-7 ^ SSRC | salt 8-13 ^ index (48 bits) | 0 0 |
    ///   GCM: | salt 0-1 | salt 2-5 ^ SSRC | salt 6-11 ^ ROC.SEQ or 0.0.SRTCP index |
    /// </code>
    /// </summary>
    protected static void BuildIv(ReadOnlySpan<byte> salt, uint ssrc, ulong index, Span<byte> iv)
    {
        salt.CopyTo(iv);
        int indexAt = salt.Length - 6, ssrcAt = indexAt - 4;
        Span<byte> word = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(word, ssrc);
        for (int i = 0; i < 4; i++) iv[ssrcAt + i] ^= word[i];
        BinaryPrimitives.WriteUInt64BigEndian(word, index);
        for (int i = 0; i < 6; i++) iv[indexAt + i] ^= word[2 + i];
    }
}
