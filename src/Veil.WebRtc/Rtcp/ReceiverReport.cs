namespace Veil.WebRtc.Rtcp;

/// <summary>RR (RFC 3550 §6.4.2): the reporter's SSRC and one block per source it receives.</summary>
public sealed record ReceiverReport(uint Ssrc, IReadOnlyList<ReportBlock> Reports) : RtcpPacket;
