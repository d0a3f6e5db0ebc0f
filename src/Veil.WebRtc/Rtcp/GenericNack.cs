namespace Veil.WebRtc.Rtcp;

/// <summary>
/// Generic NACK (RFC 4585 §6.2.1, RTPFB FMT 1): the media sender should send these packets again.
/// <paramref name="LostSequenceNumbers"/> is expanded from the PID/BLP pairs, in packet order.
/// </summary>
public sealed record GenericNack(uint SenderSsrc, uint MediaSsrc, IReadOnlyList<ushort> LostSequenceNumbers) : RtcpPacket
{
    public const byte Format = 1;
}
