using Veil.WebRtc.Rtcp;
using Veil.WebRtc.Session;

namespace Veil.WebRtc.Whep;

/// <summary>A viewer's RTCP on its session thread: NACKed packets are sent again from the history; PLI and FIR are counted and passed on as a keyframe request.</summary>
internal sealed class EgressHandler(SecureTransport transport, uint mediaSsrc, SentPacketHistory history, EgressStats stats, Action keyframeWanted) : IRtpHandler
{
    public void OnRtp(ReadOnlySpan<byte> rtp) { } // a viewer sends no media; its RTP is not ours to use

    public void OnRtcp(ReadOnlySpan<byte> rtcp)
    {
        if (!RtcpReader.TryParse(rtcp, out var packets, out _)) return;
        foreach (var packet in packets)
        {
            switch (packet)
            {
                case GenericNack nack when nack.MediaSsrc == mediaSsrc:
                    foreach (var sequence in nack.LostSequenceNumbers)
                    {
                        if (history.Find(sequence) is not { } again) continue;
                        stats.Retransmitted++;
                        transport.SendRtp(again);
                    }
                    break;
                case PictureLossIndication or FullIntraRequest:
                    stats.KeyframeRequests++;
                    keyframeWanted();
                    break;
            }
        }
    }

    public void OnTick(long nowMs) { }
}
