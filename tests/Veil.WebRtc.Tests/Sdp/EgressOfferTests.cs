using Veil.WebRtc.Sdp;

namespace Veil.WebRtc.Tests.Sdp;

/// <summary>WHEP viewers' offers: Veil sends H.264 and, when asked, Opus.</summary>
public sealed class EgressOfferTests
{
    [Fact]
    public void A_whep_viewer_gets_h264_sendonly_and_its_audio_is_rejected_unless_asked_for()
    {
        var offer = SessionDescription.Parse(SdpCorpus.ReadCrlf("valid-chrome-whep-offer.sdp"));
        var plan = WebRtcOffer.PlanEgress(offer);
        Assert.Equal(OfferPurpose.Egress, plan.Purpose);
        Assert.Equal(106, plan.Video.Codec!.PayloadType);
        Assert.Equal(MediaDirection.SendOnly, plan.Video.Direction);
        Assert.Null(plan.Audio);
        Assert.Equal("Veil does not send audio to viewers", plan.Media[1].RejectReason);
        Assert.Equal(["0"], plan.BundleMids);

        var withAudio = WebRtcOffer.PlanEgress(offer, sendAudio: true);
        Assert.Equal(111, withAudio.Audio!.Codec!.PayloadType);
        Assert.Equal(["0", "1"], withAudio.BundleMids);
    }

    [Theory]
    [InlineData("a=recvonly\na=rtcp-mux\na=rtcp-rsize\na=rtpmap:96", "a=sendonly\na=rtcp-mux\na=rtcp-rsize\na=rtpmap:96", "the video section is sendonly, but a WHEP viewer must receive")]
    [InlineData("packetization-mode=1", "packetization-mode=0", "the offer has no H.264 (packetization-mode 1) video, which is what Veil sends")]
    public void Viewer_offers_veil_cannot_serve_say_why(string from, string to, string reason)
    {
        var offer = SdpCorpus.Edited("valid-chrome-whep-offer.sdp", (from, to));
        Assert.Contains(reason, Assert.Throws<SdpException>(() => WebRtcOffer.PlanEgress(offer)).Message);
    }

    [Fact]
    public void A_viewer_offering_only_vp8_is_refused_since_veil_sends_h264()
    {
        var offer = SdpCorpus.Edited("valid-minimal-h264-publish.sdp", ("a=sendonly", "a=recvonly"), ("H264/90000", "VP8/90000"));
        Assert.Contains("no H.264 (packetization-mode 1) video", Assert.Throws<SdpException>(() => WebRtcOffer.PlanEgress(offer)).Message);
    }
}
