using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Veil.WebRtc.Srtp;

/// <summary>
/// Just enough of an RTP header (RFC 3550 §5.1, extension §5.3.1) for SRTP: the sequence number
/// and SSRC that key the packet, and where the payload starts — after the CSRCs and extension,
/// which SRTP leaves in the clear.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           timestamp                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           synchronization source (SSRC) identifier            |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |       contributing source (CSRC) identifiers (CC of them)     |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |  extension profile (if X)     |   extension length (words)    |
/// |                  extension (length × 4 bytes)                 |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
internal readonly record struct RtpHeader(int Length, ushort Sequence, uint Ssrc)
{
    public const int FixedLength = 12;

    public static bool TryRead(ReadOnlySpan<byte> packet, out RtpHeader header, [NotNullWhen(false)] out string? error)
    {
        header = default;
        if (packet.Length < FixedLength)
        {
            error = $"packet of {packet.Length} bytes is shorter than an RTP header ({FixedLength})";
            return false;
        }
        int version = packet[0] >> 6;
        if (version != 2)
        {
            error = $"RTP version {version}, expected 2";
            return false;
        }
        int csrcCount = packet[0] & 0x0F;
        int length = FixedLength + 4 * csrcCount;
        if (length > packet.Length)
        {
            error = $"{csrcCount} CSRCs need a {length}-byte header but the packet has {packet.Length} bytes";
            return false;
        }
        if ((packet[0] & 0x10) != 0)
        {
            if (length + 4 > packet.Length)
            {
                error = $"the header extension's 4-byte header at byte {length} runs past the packet's {packet.Length} bytes";
                return false;
            }
            int words = BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]);
            length += 4 + 4 * words;
            if (length > packet.Length)
            {
                error = $"header extension of {words} words ends at byte {length}, past the packet's {packet.Length} bytes";
                return false;
            }
        }
        header = new RtpHeader(length, BinaryPrimitives.ReadUInt16BigEndian(packet[2..]), BinaryPrimitives.ReadUInt32BigEndian(packet[8..]));
        error = null;
        return true;
    }
}
