using System.Buffers.Binary;

namespace Veil.WebRtc.Dtls;

/// <summary>
/// Recognising DTLS records on the port shared with STUN and SRTP, and reading their header so that
/// garbage is dropped before it reaches the handshake.
/// </summary>
/// <remarks>
/// RFC 6347 §4.1, the DTLS 1.2 record header (all fields big-endian):
/// <code>
///  0               1               2               3
/// +---------------+---------------+---------------+---------------+
/// | content type  | version major | version minor |     epoch ... |
/// +---------------+---------------+---------------+---------------+
/// | ... epoch     |        sequence number (48 bits) ...          |
/// +---------------+---------------+---------------+---------------+
/// |             ... sequence number               | length ...    |
/// +---------------+---------------+---------------+---------------+
/// | ... length    |  fragment (length bytes) ...
/// +---------------+
/// </code>
/// </remarks>
public static class DtlsRecord
{
    // RFC 6347 §4.1: a ciphertext fragment "MUST NOT exceed 2^14 + 2048".
    public const int MaxFragmentLength = (1 << 14) + 2048;

    /// <summary>RFC 7983 §7 demultiplexing: a first byte in 20..63 is DTLS (0..3 STUN, 128..191 RTP/RTCP).</summary>
    public static bool Looks(ReadOnlySpan<byte> datagram) => datagram.Length > 0 && datagram[0] is >= 20 and <= 63;

    /// <summary>
    /// Reads the header of the first record in <paramref name="datagram"/>. False, with the reason, when the
    /// bytes are not a DTLS 1.0/1.2 record whose fragment fits in the datagram.
    /// </summary>
    public static bool TryParseRecordHeader(ReadOnlySpan<byte> datagram, out DtlsRecordHeader header, out string reason)
    {
        header = default;
        if (datagram.Length < DtlsRecordHeader.Size)
            return Fail($"{datagram.Length} bytes are shorter than a DTLS record header (13)", out reason);
        byte contentType = datagram[0];
        if (contentType is < DtlsRecordHeader.ChangeCipherSpec or > DtlsRecordHeader.Heartbeat)
            return Fail($"content type {contentType} is not a DTLS 1.2 record type (20-24)", out reason);
        ushort version = BinaryPrimitives.ReadUInt16BigEndian(datagram[1..]);
        if (version is not (DtlsRecordHeader.Dtls10 or DtlsRecordHeader.Dtls12))
            return Fail($"version 0x{version:X4} is not DTLS 1.0 (0xFEFF) or 1.2 (0xFEFD)", out reason);
        ushort length = BinaryPrimitives.ReadUInt16BigEndian(datagram[11..]);
        if (length > MaxFragmentLength)
            return Fail($"fragment length {length} exceeds the limit of {MaxFragmentLength} (2^14 + 2048)", out reason);
        if (DtlsRecordHeader.Size + length > datagram.Length)
            return Fail($"fragment length {length} but {datagram.Length - DtlsRecordHeader.Size} bytes follow the header", out reason);
        ulong sequence = ((ulong)BinaryPrimitives.ReadUInt16BigEndian(datagram[5..]) << 32) | BinaryPrimitives.ReadUInt32BigEndian(datagram[7..]);
        header = new DtlsRecordHeader(contentType, version, BinaryPrimitives.ReadUInt16BigEndian(datagram[3..]), sequence, length);
        reason = "";
        return true;
    }

    private static bool Fail(string why, out string reason)
    {
        reason = why;
        return false;
    }
}
