namespace Veil.WebRtc.Rtcp;

/// <summary>
/// SR (RFC 3550 §6.4.1): the sender's wallclock (<paramref name="NtpTimestamp"/>, 32.32 fixed point
/// seconds since 1900) paired with the RTP timestamp of the same instant, and what it has sent.
/// </summary>
public sealed record SenderReport(uint Ssrc, ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount, IReadOnlyList<ReportBlock> Reports) : RtcpPacket;
