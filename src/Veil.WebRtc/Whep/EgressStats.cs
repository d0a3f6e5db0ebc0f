namespace Veil.WebRtc.Whep;

/// <summary>A viewer session's counters.</summary>
public sealed class EgressStats
{
    public long FramesSent { get; internal set; }
    public long PacketsSent { get; internal set; }
    public long Retransmitted { get; internal set; }
    public long KeyframeRequests { get; internal set; }

    /// <summary>From the offer to the first frame sent (null before it): the handshake plus the wait for a keyframe.</summary>
    public TimeSpan? FirstFrameAfter { get; internal set; }

    /// <summary>
    /// From the viewer's DTLS handshake done (as Veil saw it) to its first frame sent: the wait for a
    /// keyframe, which Veil controls (the handshake's time is the browser's and the network's).
    /// </summary>
    public TimeSpan? FirstFrameAfterConnecting { get; internal set; }

    /// <summary>Frames skipped before DTLS was up or while waiting for the first keyframe.</summary>
    public long FramesSkipped { get; internal set; }
}
