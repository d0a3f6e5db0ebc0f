using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Veil.WebRtc.Srtp;

/// <summary>
/// SRTP_AES128_CM_HMAC_SHA1_80 (RFC 3711 §4.1.1, §4.2.1): AES-CM encryption, then an HMAC-SHA1
/// tag cut to 80 bits over the authenticated portion. For SRTP the rollover counter is appended
/// to what is hashed (it is not on the wire); for SRTCP the ESRTCP word is on the wire and hashed.
/// <code>
/// SRTP:  | RTP header | encrypted payload | tag (10) |
/// SRTCP: | RTCP header (8) | encrypted rest | E | SRTCP index (31) | tag (10) |
/// </code>
/// </summary>
internal sealed class AesCmHmacSha1Transform(SrtpSessionKeys keys) : SrtpTransform
{
    private const int Tag = 10;
    private readonly AesCounterMode cipher = new(keys.CipherKey);
    private readonly byte[] salt = keys.Salt;
    private readonly IncrementalHash hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, keys.AuthKey);

    public override int TagLength => Tag;

    public override void ProtectRtp(ReadOnlySpan<byte> rtp, int headerLength, uint ssrc, ulong index, Span<byte> output)
    {
        rtp.CopyTo(output);
        Encrypt(output[headerLength..rtp.Length], ssrc, index);
        ComputeTag(output[..rtp.Length], RolloverCounter(index), output.Slice(rtp.Length, Tag));
    }

    public override bool UnprotectRtp(ReadOnlySpan<byte> srtp, int headerLength, uint ssrc, ulong index, Span<byte> output)
    {
        var authenticated = srtp[..^Tag];
        if (!TagMatches(authenticated, RolloverCounter(index), srtp[^Tag..])) return false;
        authenticated.CopyTo(output);
        Encrypt(output[headerLength..authenticated.Length], ssrc, index);
        return true;
    }

    public override void ProtectRtcp(ReadOnlySpan<byte> rtcp, uint ssrc, uint index, Span<byte> output)
    {
        rtcp.CopyTo(output);
        Encrypt(output[RtcpHeader.Length..rtcp.Length], ssrc, index);
        BinaryPrimitives.WriteUInt32BigEndian(output[rtcp.Length..], EncryptedFlag | index);
        int authenticated = rtcp.Length + EsrtcpLength;
        ComputeTag(output[..authenticated], null, output.Slice(authenticated, Tag));
    }

    public override uint ReadEsrtcpWord(ReadOnlySpan<byte> srtcp) => BinaryPrimitives.ReadUInt32BigEndian(srtcp[^(Tag + EsrtcpLength)..]);

    public override bool UnprotectRtcp(ReadOnlySpan<byte> srtcp, uint ssrc, uint esrtcp, Span<byte> output)
    {
        if (!TagMatches(srtcp[..^Tag], null, srtcp[^Tag..])) return false;
        var rtcp = srtcp[..^(Tag + EsrtcpLength)];
        rtcp.CopyTo(output);
        if ((esrtcp & EncryptedFlag) != 0) Encrypt(output[RtcpHeader.Length..rtcp.Length], ssrc, esrtcp & ~EncryptedFlag);
        return true;
    }

    public override void Dispose()
    {
        cipher.Dispose();
        hmac.Dispose();
    }

    // Counter mode is its own inverse: the same call encrypts and decrypts.
    private void Encrypt(Span<byte> payload, uint ssrc, ulong index)
    {
        Span<byte> iv = stackalloc byte[AesCounterMode.BlockSize];
        iv.Clear();
        BuildIv(salt, ssrc, index, iv);
        cipher.Apply(iv, payload);
    }

    private static uint RolloverCounter(ulong index) => (uint)(index >> 16);

    private bool TagMatches(ReadOnlySpan<byte> authenticated, uint? rolloverCounter, ReadOnlySpan<byte> tag)
    {
        Span<byte> expected = stackalloc byte[Tag];
        ComputeTag(authenticated, rolloverCounter, expected);
        return CryptographicOperations.FixedTimeEquals(expected, tag);
    }

    private void ComputeTag(ReadOnlySpan<byte> authenticated, uint? rolloverCounter, Span<byte> tag)
    {
        hmac.AppendData(authenticated);
        if (rolloverCounter is uint roc)
        {
            Span<byte> rocBytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(rocBytes, roc);
            hmac.AppendData(rocBytes);
        }
        Span<byte> full = stackalloc byte[20];
        hmac.GetHashAndReset(full);
        full[..Tag].CopyTo(tag);
    }
}
