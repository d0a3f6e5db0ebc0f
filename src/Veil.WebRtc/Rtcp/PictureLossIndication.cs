namespace Veil.WebRtc.Rtcp;

/// <summary>PLI (RFC 4585 §6.3.1, PSFB FMT 1): the receiver lost picture data; the sender should send a keyframe.</summary>
public sealed record PictureLossIndication(uint SenderSsrc, uint MediaSsrc) : RtcpPacket
{
    public const byte Format = 1;
}
