namespace Veil.WebRtc.Rtcp;

/// <summary>
/// A packet type (or feedback format) not interpreted here, e.g. APP, XR, REMB or transport-wide CC:
/// its type, its 5-bit count/FMT field and its body after the 4-byte header (padding removed).
/// </summary>
public sealed record UnknownRtcpPacket(byte PacketType, byte CountOrFormat, byte[] Body) : RtcpPacket;
