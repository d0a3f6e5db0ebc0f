namespace Veil.WebRtc.Rtcp;

/// <summary>BYE (RFC 3550 §6.6): these sources are leaving, with an optional reason.</summary>
public sealed record Bye(IReadOnlyList<uint> Ssrcs, string? Reason) : RtcpPacket;
