namespace Veil.WebRtc.Rtcp;

/// <summary>One packet of an RTCP compound packet (RFC 3550 §6), as <see cref="RtcpReader"/> types it.</summary>
public abstract record RtcpPacket
{
    public const byte SenderReportType = 200, ReceiverReportType = 201, SourceDescriptionType = 202, ByeType = 203;
    /// <summary>RFC 4585 §6.1: transport-layer (RTPFB) and payload-specific (PSFB) feedback.</summary>
    public const byte TransportFeedbackType = 205, PayloadFeedbackType = 206;
}
