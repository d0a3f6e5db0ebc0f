using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Veil.WebRtc.Srtp;

/// <summary>
/// The first 8 bytes of a (compound) RTCP packet (RFC 3550 §6.4.1), which SRTCP leaves in the
/// clear (RFC 3711 §3.4): the version, and the sender's SSRC that keys the packet.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|   RC    |      PT       |             length            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                     SSRC of packet sender                     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
internal static class RtcpHeader
{
    public const int Length = 8;

    public static bool TryReadSsrc(ReadOnlySpan<byte> packet, out uint ssrc, [NotNullWhen(false)] out string? error)
    {
        ssrc = 0;
        if (packet.Length < Length)
        {
            error = $"packet of {packet.Length} bytes is shorter than an RTCP header ({Length})";
            return false;
        }
        int version = packet[0] >> 6;
        if (version != 2)
        {
            error = $"RTCP version {version}, expected 2";
            return false;
        }
        ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        error = null;
        return true;
    }
}
