namespace Veil.WebRtc.Ice;

/// <summary>What a datagram on the shared port is, by its first byte (RFC 7983 §7).</summary>
public enum PacketKind
{
    Stun,
    Dtls,
    Rtp,
    Rtcp,
    Unknown,
}

public static class PacketClassifier
{
    /// <summary>
    /// [0..3] STUN, [20..63] DTLS, [128..191] RTP or RTCP, the two told apart by the payload type
    /// byte: 192..223 is an RTCP packet type (SR 200 ... PSFB 206) on a muxed port (RFC 5761 §4).
    /// </summary>
    public static PacketKind Classify(ReadOnlySpan<byte> packet)
    {
        if (packet.Length == 0) return PacketKind.Unknown;
        byte first = packet[0];
        if (first <= 3) return PacketKind.Stun;
        if (first is >= 20 and <= 63) return PacketKind.Dtls;
        if (first is >= 128 and <= 191 && packet.Length >= 2)
            return packet[1] is >= 192 and <= 223 ? PacketKind.Rtcp : PacketKind.Rtp;
        return PacketKind.Unknown;
    }
}
