namespace Veil.WebRtc.Rtcp;

/// <summary>
/// FIR (RFC 5104 §4.3.1, PSFB FMT 4): a keyframe is requested from each listed SSRC; the command
/// sequence number tells a repeated request from a new one.
/// </summary>
public sealed record FullIntraRequest(uint SenderSsrc, IReadOnlyList<FullIntraRequest.Entry> Entries) : RtcpPacket
{
    public const byte Format = 4;

    public sealed record Entry(uint Ssrc, byte SequenceNumber);
}
