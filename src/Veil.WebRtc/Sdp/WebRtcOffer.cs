using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Veil.WebRtc.Sdp;

/// <summary>
/// Checks a WHIP publish offer (RFC 9725 §4.2) or a WHEP viewer's offer against what Veil does:
/// ICE-lite, DTLS server (it answers a=setup:passive, RFC 8842 §5.3), rtcp-mux, one BUNDLE
/// transport (RFC 8843), one video section (required) and at most one audio section. Other
/// sections, data channels included, are rejected in the answer. Throws <see cref="SdpException"/>
/// with the reason when the offer cannot be answered.
/// </summary>
public static class WebRtcOffer
{
    private const string SecureAvpf = "UDP/TLS/RTP/SAVPF";

    /// <summary>Video H.264 (packetization-mode 1, 42e01f preferred) or else VP8; audio Opus when offered.</summary>
    public static OfferPlan PlanIngest(SessionDescription offer) => Plan(offer, OfferPurpose.Ingest, withAudio: true);

    /// <summary>Video H.264 (packetization-mode 1), which Veil's encoder sends; audio only when <paramref name="sendAudio"/>.</summary>
    public static OfferPlan PlanEgress(SessionDescription offer, bool sendAudio = false) => Plan(offer, OfferPurpose.Egress, sendAudio);

    private static OfferPlan Plan(SessionDescription offer, OfferPurpose purpose, bool withAudio)
    {
        if (offer.IceLite) throw new SdpException("the offer is ICE-lite too: two lite agents never run connectivity checks");
        var plans = new List<MediaPlan>();
        foreach (var section in offer.Media) plans.Add(PlanSection(section, purpose, withAudio, plans));
        if (!plans.Any(p => p.Accepted && p.Kind == "video"))
            throw new SdpException(plans.FirstOrDefault(p => p.Kind == "video" && !p.Offer.IsDisabled)?.RejectReason ?? "the offer has no video section");

        var accepted = plans.Where(p => p.Accepted).ToList();
        if (accepted.Count > 1 && accepted.Any(p => !offer.BundleMids.Contains(p.Mid!)))
            throw new SdpException($"mids {string.Join(", ", accepted.Select(p => p.Mid))} are not all in one BUNDLE group: Veil serves one transport");
        var bundle = offer.BundleMids.Where(mid => accepted.Any(p => p.Mid == mid)).ToArray();

        // RFC 8843 §7.3.1: the first mid of the answer's group tags the section whose transport all
        // share; only it must carry the transport attributes (§7.2 lets the others leave them out).
        var tagged = bundle.Length > 0 ? accepted.First(p => p.Mid == bundle[0]).Offer : accepted[0].Offer;
        TransportCheck.Require(tagged);
        return new OfferPlan(purpose, plans, bundle, tagged.IceUfrag!, tagged.IcePwd!,
            tagged.Fingerprints.First(f => f.Algorithm == "sha-256"), tagged.Setup ?? DtlsSetup.Active);
    }

    private static MediaPlan PlanSection(MediaDescription section, OfferPurpose purpose, bool withAudio, List<MediaPlan> earlier)
    {
        string kind = section.Kind;
        if (section.IsDisabled) return MediaPlan.Reject(section, "the offer disables it with port 0");
        if (kind is not ("video" or "audio")) return MediaPlan.Reject(section, $"Veil does not take {kind} sections");
        if (earlier.Any(p => p.Accepted && p.Kind == kind)) return MediaPlan.Reject(section, $"Veil uses only the first {kind} section");
        if (kind == "audio" && !withAudio) return MediaPlan.Reject(section, "Veil does not send audio to viewers");
        if (section.Proto != SecureAvpf) return MediaPlan.Reject(section, $"proto {section.Proto} is not {SecureAvpf}");

        bool ingest = purpose == OfferPurpose.Ingest;
        var peerMust = ingest ? MediaDirection.SendOnly : MediaDirection.RecvOnly;
        if (section.Direction != peerMust && section.Direction != MediaDirection.SendRecv)
            return MediaPlan.Reject(section, $"the {kind} section is {section.Direction.ToString().ToLowerInvariant()}, but a {(ingest ? "WHIP publisher must send" : "WHEP viewer must receive")}");

        var codec = kind == "audio" ? CodecChoice.Opus(section)
            : ingest ? CodecChoice.H264(section) ?? CodecChoice.Vp8(section)
            : CodecChoice.H264(section);
        if (codec is null)
            return MediaPlan.Reject(section, kind == "audio" ? "the offer has no opus/48000/2 audio"
                : ingest ? "the offer has no H.264 (packetization-mode 1) or VP8 video"
                : "the offer has no H.264 (packetization-mode 1) video, which is what Veil sends");
        if (section.Mid is null) throw new SdpException(section.LineNumber, $"the {kind} section has no a=mid");
        return MediaPlan.Accept(section, codec, ingest ? MediaDirection.RecvOnly : MediaDirection.SendOnly, NewSsrc(earlier));
    }

    /// <summary>A random non-zero SSRC that no earlier section uses (RFC 3550 §8.1 asks for random SSRCs).</summary>
    private static uint NewSsrc(List<MediaPlan> earlier)
    {
        Span<byte> bytes = stackalloc byte[4];
        uint ssrc;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            ssrc = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        } while (ssrc == 0 || earlier.Any(p => p.LocalSsrc == ssrc));
        return ssrc;
    }
}
