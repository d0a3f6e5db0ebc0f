using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Veil.WebRtc.Srtp;

/// <summary>
/// SRTP_AEAD_AES_128_GCM (RFC 7714): one AES-GCM call encrypts and tags. The RTP header is the
/// associated data (§8.2); for SRTCP the first 8 bytes and the ESRTCP word are (§9.2), or, for a
/// packet sent unencrypted (E = 0), the whole RTCP packet and the ESRTCP word (§9.3).
/// <code>
/// SRTP:  | RTP header (AAD) | ciphertext | tag (16) |
/// SRTCP: | RTCP header (8, AAD) | ciphertext | tag (16) | E | SRTCP index (31) (AAD) |
/// </code>
/// </summary>
internal sealed class AesGcmTransform(SrtpSessionKeys keys) : SrtpTransform
{
    private const int Tag = 16, NonceLength = 12;
    private readonly AesGcm gcm = new(keys.CipherKey, Tag);
    private readonly byte[] salt = keys.Salt;

    public override int TagLength => Tag;

    public override void ProtectRtp(ReadOnlySpan<byte> rtp, int headerLength, uint ssrc, ulong index, Span<byte> output)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        BuildIv(salt, ssrc, index, nonce);
        var header = rtp[..headerLength];
        header.CopyTo(output);
        gcm.Encrypt(nonce, rtp[headerLength..], output[headerLength..rtp.Length], output.Slice(rtp.Length, Tag), header);
    }

    public override bool UnprotectRtp(ReadOnlySpan<byte> srtp, int headerLength, uint ssrc, ulong index, Span<byte> output)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        BuildIv(salt, ssrc, index, nonce);
        var header = srtp[..headerLength];
        header.CopyTo(output);
        return TryDecrypt(nonce, srtp[headerLength..^Tag], srtp[^Tag..], output[headerLength..(srtp.Length - Tag)], header);
    }

    public override void ProtectRtcp(ReadOnlySpan<byte> rtcp, uint ssrc, uint index, Span<byte> output)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        BuildIv(salt, ssrc, index, nonce);
        Span<byte> aad = stackalloc byte[RtcpHeader.Length + EsrtcpLength];
        rtcp[..RtcpHeader.Length].CopyTo(aad);
        BinaryPrimitives.WriteUInt32BigEndian(aad[RtcpHeader.Length..], EncryptedFlag | index);
        rtcp[..RtcpHeader.Length].CopyTo(output);
        gcm.Encrypt(nonce, rtcp[RtcpHeader.Length..], output[RtcpHeader.Length..rtcp.Length], output.Slice(rtcp.Length, Tag), aad);
        aad[RtcpHeader.Length..].CopyTo(output[(rtcp.Length + Tag)..]);
    }

    public override uint ReadEsrtcpWord(ReadOnlySpan<byte> srtcp) => BinaryPrimitives.ReadUInt32BigEndian(srtcp[^EsrtcpLength..]);

    public override bool UnprotectRtcp(ReadOnlySpan<byte> srtcp, uint ssrc, uint esrtcp, Span<byte> output)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        BuildIv(salt, ssrc, esrtcp & ~EncryptedFlag, nonce);
        var tag = srtcp[^(Tag + EsrtcpLength)..^EsrtcpLength];
        var esrtcpWord = srtcp[^EsrtcpLength..];
        int rtcpLength = srtcp.Length - Tag - EsrtcpLength;
        if ((esrtcp & EncryptedFlag) != 0)
        {
            Span<byte> aad = stackalloc byte[RtcpHeader.Length + EsrtcpLength];
            srtcp[..RtcpHeader.Length].CopyTo(aad);
            esrtcpWord.CopyTo(aad[RtcpHeader.Length..]);
            srtcp[..RtcpHeader.Length].CopyTo(output);
            return TryDecrypt(nonce, srtcp[RtcpHeader.Length..rtcpLength], tag, output[RtcpHeader.Length..rtcpLength], aad);
        }
        // Tagged but not encrypted: the cipher is the tag alone and all of the packet is AAD,
        // which must be contiguous, so it is assembled in the output (the ESRTCP word after it).
        srtcp[..rtcpLength].CopyTo(output);
        esrtcpWord.CopyTo(output[rtcpLength..]);
        return TryDecrypt(nonce, [], tag, [], output[..(rtcpLength + EsrtcpLength)]);
    }

    public override void Dispose() => gcm.Dispose();

    // AesGcm reports a wrong tag only by throwing (and then clears the plaintext it wrote).
    private bool TryDecrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> aad)
    {
        try
        {
            gcm.Decrypt(nonce, ciphertext, tag, plaintext, aad);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }
}
