using System.Net;
using Veil.WebRtc.Sdp;

namespace Veil.WebRtc.Tests.Sdp;

/// <summary>Answers read back with our own parser and compared line by line with what the plan calls for.</summary>
public sealed class AnswerBuilderTests
{
    private const string Fingerprint = "sha-256 90:89:FA:D0:C8:CB:3F:BB:33:EB:96:ED:DD:56:0F:3E:E0:B1:ED:7A:DF:62:02:15:BB:DB:A4:B9:D1:84:72:14";

    private static readonly LocalIce Local = new("vEiL", "abcdefghijklmnopqrstuv+/", Fingerprint,
        [new IPEndPoint(IPAddress.Parse("192.0.2.10"), 50000), new IPEndPoint(IPAddress.Parse("2001:db8::1"), 50000)]);

    private static OfferPlan ChromePublishWithDataChannel()
    {
        string text = SdpCorpus.ReadCrlf("valid-chrome-whip-offer.sdp").Replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2")
            + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\na=sctp-port:5000\r\n";
        return WebRtcOffer.PlanIngest(SessionDescription.Parse(text));
    }

    [Fact]
    public void A_publish_answer_holds_exactly_the_chosen_codecs_and_veils_transport()
    {
        var plan = ChromePublishWithDataChannel();
        string answer = AnswerBuilder.BuildAnswer(plan, Local);
        Assert.EndsWith("\r\n", answer);
        Assert.DoesNotContain("\n", answer.Replace("\r\n", ""));

        string[] lines = answer.Split("\r\n");
        Assert.Equal(["v=0"], lines[..1]);
        Assert.Matches(@"^o=- \d+ 2 IN IP4 127\.0\.0\.1$", lines[1]);
        Assert.Equal(["s=-", "t=0 0", "a=ice-lite", "a=group:BUNDLE 0 1"], lines[2..6]);

        string video = Section(answer, "m=video");
        Assert.Equal(string.Join("\r\n",
            "m=video 9 UDP/TLS/RTP/SAVPF 106",
            "c=IN IP4 0.0.0.0",
            "a=mid:1",
            "a=ice-ufrag:vEiL",
            "a=ice-pwd:abcdefghijklmnopqrstuv+/",
            "a=fingerprint:" + Fingerprint,
            "a=setup:passive",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=recvonly",
            "a=rtpmap:106 H264/90000",
            "a=rtcp-fb:106 nack",
            "a=rtcp-fb:106 nack pli",
            "a=rtcp-fb:106 goog-remb",
            "a=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
            "a=candidate:1 1 udp 2130706431 192.0.2.10 50000 typ host",
            "a=candidate:2 1 udp 2130706175 2001:db8::1 50000 typ host",
            "a=end-of-candidates") + "\r\n", video);
        Assert.Equal("m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\n", Section(answer, "m=application"));
    }

    [Fact]
    public void A_publish_answer_parses_back_into_what_was_planned()
    {
        var plan = ChromePublishWithDataChannel();
        var answer = SessionDescription.Parse(AnswerBuilder.BuildAnswer(plan, Local));
        Assert.True(answer.IceLite);
        Assert.Equal(["0", "1"], answer.BundleMids);
        Assert.Equal(3, answer.Media.Count);
        var (audio, video, data) = (answer.Media[0], answer.Media[1], answer.Media[2]);

        Assert.Equal([111], audio.PayloadTypes);
        Assert.Equal(new RtpMap(111, "opus", 48000, 2), audio.RtpMaps[111]);
        Assert.Equal("minptime=10;useinbandfec=1", audio.FormatParameters[111].Text);
        Assert.Empty(audio.RtcpFeedback); // Chrome offers only transport-cc for opus, which Veil does not do
        Assert.Equal([106], video.PayloadTypes);
        Assert.Equal(["nack", "nack pli", "goog-remb"], video.FeedbackFor(106));
        foreach (var section in new[] { audio, video })
        {
            Assert.Equal(MediaDirection.RecvOnly, section.Direction);
            Assert.Equal(DtlsSetup.Passive, section.Setup);
            Assert.True(section.RtcpMux && section.RtcpReducedSize && section.EndOfCandidates);
            Assert.Equal(("vEiL", "abcdefghijklmnopqrstuv+/"), (section.IceUfrag, section.IcePwd));
            Assert.Equal(Fingerprint, section.Fingerprints.Single().ToString());
            Assert.Equal(2, section.Candidates.Count);
            Assert.Empty(section.Ssrcs);
        }
        Assert.True(data.IsDisabled);
        Assert.Equal("2", data.Mid);
    }

    [Fact]
    public void A_viewer_answer_sends_h264_with_an_ssrc_and_msid_and_rejects_audio()
    {
        var plan = WebRtcOffer.PlanEgress(SessionDescription.Parse(SdpCorpus.ReadCrlf("valid-chrome-whep-offer.sdp")));
        string text = AnswerBuilder.BuildAnswer(plan, Local);
        Assert.Contains("a=msid-semantic:WMS veil\r\n", text);
        var answer = SessionDescription.Parse(text);
        var video = answer.Media[0];
        Assert.Equal(MediaDirection.SendOnly, video.Direction);
        Assert.Equal([106], video.PayloadTypes);
        Assert.Equal([new SsrcDescription(plan.Video.LocalSsrc, "veil")], video.Ssrcs);
        Assert.Contains(new SdpAttribute("msid", "veil veil-video"), video.Attributes);
        Assert.True(answer.Media[1].IsDisabled);
        Assert.Equal([111, 63, 9, 0, 8], answer.Media[1].PayloadTypes); // a rejected section repeats the offered formats
        Assert.Equal(["0"], answer.BundleMids);
    }

    [Fact]
    public void Two_answers_carry_different_session_ids()
    {
        var plan = ChromePublishWithDataChannel();
        Assert.NotEqual(AnswerBuilder.BuildAnswer(plan, Local).Split("\r\n")[1], AnswerBuilder.BuildAnswer(plan, Local).Split("\r\n")[1]);
    }

    [Theory]
    [InlineData("abc", "abcdefghijklmnopqrstuv", Fingerprint, "ice-ufrag 'abc'")]
    [InlineData("abcd", "too-short", Fingerprint, "ice-pwd")]
    [InlineData("abcd", "abcdefghijklmnopqrstuv", "sha-256 AB", "a sha-256 fingerprint has 32 bytes")]
    public void Bad_local_credentials_are_a_programming_error(string ufrag, string pwd, string fingerprint, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => AnswerBuilder.BuildAnswer(ChromePublishWithDataChannel(), Local with { Ufrag = ufrag, Password = pwd, Fingerprint = fingerprint }));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Generated_ice_credentials_are_random_ice_chars_of_valid_length()
    {
        var ufrags = Enumerable.Range(0, 50).Select(_ => IceCredentials.NewUfrag()).ToHashSet();
        var passwords = Enumerable.Range(0, 50).Select(_ => IceCredentials.NewPassword()).ToHashSet();
        Assert.Equal(50, ufrags.Count);
        Assert.Equal(50, passwords.Count);
        Assert.All(ufrags, u => Assert.True(IceCredentials.IsValidUfrag(u) && u.Length == 8));
        Assert.All(passwords, p => Assert.True(IceCredentials.IsValidPassword(p) && p.Length == 24));
        Assert.Throws<ArgumentOutOfRangeException>(() => IceCredentials.NewUfrag(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => IceCredentials.NewPassword(21));
        Assert.False(IceCredentials.IsValidUfrag("ab-cd"));
    }

    /// <summary>The lines of the first section starting with <paramref name="mLinePrefix"/>, through the line before the next m= line.</summary>
    private static string Section(string answer, string mLinePrefix)
    {
        int start = answer.IndexOf(mLinePrefix, StringComparison.Ordinal);
        int end = answer.IndexOf("\r\nm=", start, StringComparison.Ordinal);
        return end < 0 ? answer[start..] : answer[start..(end + 2)];
    }
}
