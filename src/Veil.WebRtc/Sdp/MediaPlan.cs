namespace Veil.WebRtc.Sdp;

/// <summary>
/// What Veil answers to one offered media section: the codec it chose (one payload type) and the
/// direction, or why the section is rejected (answered with port 0). Feedback support is read from
/// the offer for the chosen payload type; Veil itself uses only NACK and PLI.
/// </summary>
public sealed class MediaPlan
{
    private MediaPlan(MediaDescription offer, string? rejectReason, RtpMap? codec, MediaDirection direction, uint localSsrc)
    {
        Offer = offer;
        RejectReason = rejectReason;
        Codec = codec;
        Direction = direction;
        LocalSsrc = localSsrc;
    }

    /// <summary>The offered section this plan answers.</summary>
    public MediaDescription Offer { get; }

    /// <summary>Null when the section is accepted.</summary>
    public string? RejectReason { get; }

    /// <summary>The one payload type answered; null when rejected.</summary>
    public RtpMap? Codec { get; }

    /// <summary>Veil's direction in the answer: recvonly for ingest, sendonly for egress (inactive when rejected).</summary>
    public MediaDirection Direction { get; }

    /// <summary>A random SSRC for what Veil sends in this section: media for egress, RTCP feedback for ingest.</summary>
    public uint LocalSsrc { get; }

    public bool Accepted => RejectReason is null;
    public string Kind => Offer.Kind;
    public string? Mid => Offer.Mid;
    public FormatParameters? CodecParameters => Codec is null ? null : Offer.FormatParametersFor(Codec.PayloadType);
    public bool PeerNack => Offers("nack");
    public bool PeerPli => Offers("nack pli");
    public bool PeerRemb => Offers("goog-remb");
    public bool PeerTransportCc => Offers("transport-cc");
    public bool RtcpReducedSize => Offer.RtcpReducedSize;

    internal static MediaPlan Accept(MediaDescription offer, RtpMap codec, MediaDirection direction, uint localSsrc) =>
        new(offer, null, codec, direction, localSsrc);

    internal static MediaPlan Reject(MediaDescription offer, string reason) => new(offer, reason, null, MediaDirection.Inactive, 0);

    private bool Offers(string feedback) =>
        Codec is not null && Offer.FeedbackFor(Codec.PayloadType).Contains(feedback, StringComparer.OrdinalIgnoreCase);
}
