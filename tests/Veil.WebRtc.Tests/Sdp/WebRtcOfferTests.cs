using Veil.WebRtc.Sdp;

namespace Veil.WebRtc.Tests.Sdp;

/// <summary>Which codecs and payload types Veil picks from browser publish offers, and why it refuses the ones it cannot answer.</summary>
public sealed class WebRtcOfferTests
{
    private static SessionDescription Chrome() => SessionDescription.Parse(SdpCorpus.ReadCrlf("valid-chrome-whip-offer.sdp"));

    [Fact]
    public void Chrome_publish_gets_h264_constrained_baseline_106_and_opus_111()
    {
        var plan = WebRtcOffer.PlanIngest(Chrome());
        Assert.Equal(OfferPurpose.Ingest, plan.Purpose);
        Assert.Equal(106, plan.Video.Codec!.PayloadType);
        Assert.Equal("1", plan.Video.CodecParameters!["packetization-mode"]);
        Assert.Equal(111, plan.Audio!.Codec!.PayloadType);
        Assert.Equal(MediaDirection.RecvOnly, plan.Video.Direction);
        Assert.True(plan.Video.PeerNack && plan.Video.PeerPli && plan.Video.PeerTransportCc);
        Assert.False(plan.Audio.PeerNack);
        Assert.True(plan.Audio.PeerTransportCc);
        Assert.Equal(["0", "1"], plan.BundleMids);
        Assert.Equal(("x9Fq", "Rk3vW0p8uYtZ+1nQaLm/7sHd", DtlsSetup.ActPass), (plan.RemoteUfrag, plan.RemotePassword, plan.RemoteSetup));
        Assert.Equal(0x0B, plan.RemoteFingerprint.Digest.Span[0]);
        Assert.NotEqual(0u, plan.Video.LocalSsrc);
        Assert.NotEqual(plan.Video.LocalSsrc, plan.Audio.LocalSsrc);
    }

    [Fact]
    public void Firefox_publish_gets_h264_126_and_opus_109()
    {
        var plan = WebRtcOffer.PlanIngest(SessionDescription.Parse(SdpCorpus.Read("valid-firefox-whip-offer.sdp")));
        Assert.Equal(126, plan.Video.Codec!.PayloadType); // 97 is the same profile in packetization-mode 0
        Assert.Equal(109, plan.Audio!.Codec!.PayloadType);
        Assert.Equal("7d2e4f61", plan.RemoteUfrag);
        Assert.Equal(0xEE, plan.RemoteFingerprint.Digest.Span[0]);
        Assert.True(plan.Video.PeerNack && plan.Video.PeerPli && plan.Video.PeerTransportCc);
    }

    [Theory]
    [InlineData("42e01f", 106)] // constrained baseline first, though 102 (42001f) comes earlier
    [InlineData("42001e", 102)] // without 42e01f, the first baseline in offer order
    public void Among_h264_offers_constrained_baseline_wins_then_offer_order(string profile106, int expected)
    {
        var offer = SdpCorpus.Edited("valid-chrome-whip-offer.sdp", ("packetization-mode=1;profile-level-id=42e01f", "packetization-mode=1;profile-level-id=" + profile106));
        Assert.Equal(expected, WebRtcOffer.PlanIngest(offer).Video.Codec!.PayloadType);
    }

    [Fact]
    public void Main_then_high_profile_are_taken_when_no_baseline_is_offered()
    {
        var noBaseline = SdpCorpus.Edited("valid-chrome-whip-offer.sdp",
            ("packetization-mode=1;profile-level-id=42e01f", "packetization-mode=0;profile-level-id=42e01f"),
            ("packetization-mode=1;profile-level-id=42001f", "packetization-mode=0;profile-level-id=42001f"));
        Assert.Equal(127, WebRtcOffer.PlanIngest(noBaseline).Video.Codec!.PayloadType); // 4d001f
        var highOnly = SessionDescription.Parse(SdpCorpus.Read("valid-minimal-h264-publish.sdp"));
        var plan = WebRtcOffer.PlanIngest(highOnly);
        Assert.Equal(102, plan.Video.Codec!.PayloadType); // 640c1f
        Assert.Null(plan.Audio);
        Assert.Equal(["v"], plan.BundleMids);
        Assert.Equal(DtlsSetup.Active, plan.RemoteSetup);
    }

    [Fact]
    public void Without_usable_h264_a_publish_falls_back_to_vp8()
    {
        var offer = SdpCorpus.Edited("valid-chrome-whip-offer.sdp",
            ("packetization-mode=1;profile-level-id=42001f", "packetization-mode=0;profile-level-id=42001f"),
            ("packetization-mode=1;profile-level-id=42e01f", "packetization-mode=0;profile-level-id=42e01f"),
            ("packetization-mode=1;profile-level-id=4d001f", "packetization-mode=0;profile-level-id=4d001f"),
            ("packetization-mode=1;profile-level-id=64001f", "packetization-mode=0;profile-level-id=64001f"));
        var plan = WebRtcOffer.PlanIngest(offer);
        Assert.Equal(new RtpMap(96, "VP8", 90000, null), plan.Video.Codec);
        Assert.Null(plan.Video.CodecParameters);
    }

    [Fact]
    public void A_data_channel_and_a_second_video_are_rejected_while_the_rest_is_answered()
    {
        const string extra = "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\na=mid:2\na=sctp-port:5000\n"
            + "m=video 9 UDP/TLS/RTP/SAVPF 96\na=mid:3\na=sendonly\na=rtcp-mux\na=rtpmap:96 VP8/90000\n";
        string text = SdpCorpus.Read("valid-chrome-whip-offer.sdp").Replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2 3") + extra;
        var plan = WebRtcOffer.PlanIngest(SessionDescription.Parse(text));
        Assert.Equal([true, true, false, false], plan.Media.Select(m => m.Accepted));
        Assert.Equal("Veil does not take application sections", plan.Media[2].RejectReason);
        Assert.Equal("Veil uses only the first video section", plan.Media[3].RejectReason);
        Assert.Equal(["0", "1"], plan.BundleMids);
    }

    [Theory]
    [InlineData("a=fingerprint:sha-256 0B:6A:55:46:D3:99:21:36:A3:72:5B:77:1A:E3:AD:D9:87:9E:02:DD:EE:38:56:2B:60:BA:5C:F8:AC:09:C8:3B\n", "", "no a=fingerprint")]
    [InlineData("a=fingerprint:sha-256 0B:6A:55:46:D3:99:21:36:A3:72:5B:77:1A:E3:AD:D9:87:9E:02:DD:EE:38:56:2B:60:BA:5C:F8:AC:09:C8:3B\n", "a=fingerprint:sha-1 0B:6A:55:46:D3:99:21:36:A3:72:5B:77:1A:E3:AD:D9:87:9E:02:DD\n", "no sha-256 a=fingerprint (only sha-1)")]
    [InlineData("a=setup:actpass", "a=setup:passive", "setup:passive cannot work with an ICE-lite DTLS server")]
    [InlineData("a=setup:actpass", "a=setup:holdconn", "setup:holdconn")]
    [InlineData("a=ice-ufrag:x9Fq\n", "", "the audio section (mid 0) has no ice-ufrag")]
    [InlineData("a=ice-pwd:Rk3vW0p8uYtZ+1nQaLm/7sHd\n", "", "has no ice-pwd")]
    [InlineData("a=ice-ufrag:x9Fq", "a=ice-ufrag:x9F", "ice-ufrag 'x9F' outside 4-256 characters")]
    [InlineData("a=ice-pwd:Rk3vW0p8uYtZ+1nQaLm/7sHd", "a=ice-pwd:short", "an ice-pwd of 5 characters")]
    [InlineData("a=rtcp-mux\n", "", "no a=rtcp-mux")]
    [InlineData("a=group:BUNDLE 0 1\n", "", "mids 0, 1 are not all in one BUNDLE group")]
    [InlineData("a=sendonly\na=msid:d4b4f0d5-5890-4b28-907e-0840bee1e384 cebbff52", "a=recvonly\na=msid:d4b4f0d5-5890-4b28-907e-0840bee1e384 cebbff52", "the video section is recvonly, but a WHIP publisher must send")]
    [InlineData("m=video 9 UDP/TLS/RTP/SAVPF", "m=video 0 UDP/TLS/RTP/SAVPF", "the offer has no video section")]
    [InlineData("t=0 0\n", "t=0 0\na=ice-lite\n", "the offer is ICE-lite too")]
    public void Publish_offers_veil_cannot_answer_say_why(string from, string to, string reason)
    {
        // Edits apply to every section, so both carry the same change.
        var offer = SdpCorpus.Edited("valid-chrome-whip-offer.sdp", (from, to));
        var e = Assert.Throws<SdpException>(() => WebRtcOffer.PlanIngest(offer));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Only_the_bundle_tagged_section_needs_the_transport_attributes()
    {
        const string transport = "a=ice-ufrag:x9Fq\na=ice-pwd:Rk3vW0p8uYtZ+1nQaLm/7sHd\na=ice-options:trickle\n"
            + "a=fingerprint:sha-256 0B:6A:55:46:D3:99:21:36:A3:72:5B:77:1A:E3:AD:D9:87:9E:02:DD:EE:38:56:2B:60:BA:5C:F8:AC:09:C8:3B\na=setup:actpass\n";
        var plan = WebRtcOffer.PlanIngest(SdpCorpus.Edited("valid-chrome-whip-offer.sdp", (transport + "a=mid:1", "a=mid:1")));
        Assert.Equal(106, plan.Video.Codec!.PayloadType);
        Assert.Null(plan.Video.Offer.IceUfrag);
        Assert.Equal("x9Fq", plan.RemoteUfrag); // from mid 0, which tags the group
    }

    [Fact]
    public void A_missing_setup_means_active_and_is_accepted()
    {
        var plan = WebRtcOffer.PlanIngest(SdpCorpus.Edited("valid-chrome-whip-offer.sdp", ("a=setup:actpass\n", "")));
        Assert.Equal(DtlsSetup.Active, plan.RemoteSetup); // RFC 4145 §4: absent is active
    }

    [Fact]
    public void A_publish_without_h264_in_packetization_mode_1_or_vp8_is_refused()
    {
        var offer = SdpCorpus.Edited("valid-chrome-whip-offer.sdp", ("H264/90000", "H265/90000"), ("VP8/90000", "VP9/90000"));
        Assert.Contains("the offer has no H.264 (packetization-mode 1) or VP8 video", Assert.Throws<SdpException>(() => WebRtcOffer.PlanIngest(offer)).Message);
    }

    [Fact]
    public void An_accepted_section_without_a_mid_is_refused()
    {
        var offer = SdpCorpus.Edited("valid-minimal-h264-publish.sdp", ("a=group:BUNDLE v\r\n", ""), ("a=mid:v\r\n", ""));
        var e = Assert.Throws<SdpException>(() => WebRtcOffer.PlanIngest(offer));
        Assert.Equal("line 5: the video section has no a=mid", e.Message);
    }
}
