using Veil.WebRtc.Dtls;
using Veil.WebRtc.Sdp;

namespace Veil.WebRtc.Tests.Sdp;

/// <summary>Parsing offers shaped as Chrome and Firefox write them, and malformed descriptions with their reasons.</summary>
public sealed class SessionDescriptionTests
{
    [Fact]
    public void A_chrome_publish_offer_parses_into_its_sections_and_attributes()
    {
        var sdp = SessionDescription.Parse(SdpCorpus.ReadCrlf("valid-chrome-whip-offer.sdp"));
        Assert.Equal(["0", "1"], sdp.BundleMids);
        Assert.Equal(2, sdp.Media.Count);

        var audio = sdp.Media[0];
        Assert.Equal(("audio", 9, "UDP/TLS/RTP/SAVPF", "0"), (audio.Kind, audio.Port, audio.Proto, audio.Mid));
        Assert.Equal([111, 63, 9, 0, 8, 13, 110, 126], audio.PayloadTypes);
        Assert.Equal(MediaDirection.SendOnly, audio.Direction);
        Assert.Equal(new RtpMap(111, "opus", 48000, 2), audio.RtpMaps[111]);
        Assert.Equal("1", audio.FormatParameters[111]["useinbandfec"]);
        Assert.Equal(["transport-cc"], audio.FeedbackFor(111));
        Assert.Equal([new SsrcDescription(2870879108, "hT4xq8LmZ2v9KcPw")], audio.Ssrcs);
        Assert.Equal(2, audio.Candidates.Count);
        Assert.StartsWith("2417854117 1 udp 2122260223 192.168.1.23 58427 typ host", audio.Candidates[0]);

        var video = sdp.Media[1];
        Assert.Equal(("x9Fq", "Rk3vW0p8uYtZ+1nQaLm/7sHd", DtlsSetup.ActPass), (video.IceUfrag, video.IcePwd, video.Setup));
        Assert.True(video.RtcpMux && video.RtcpReducedSize);
        Assert.Equal("sha-256", video.Fingerprints.Single().Algorithm);
        Assert.Equal(0x0B, video.Fingerprints.Single().Digest.Span[0]);
        Assert.Equal(new RtpMap(106, "H264", 90000, null), video.RtpMaps[106]);
        Assert.Equal("42e01f", video.FormatParameters[106]["profile-level-id"]);
        Assert.Equal("0", video.FormatParameters[104]["packetization-mode"]);
        Assert.Equal(["goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"], video.FeedbackFor(106));
        Assert.Empty(video.FeedbackFor(107)); // rtx
        Assert.Equal(11, video.HeaderExtensions.Count);
        Assert.Equal(new HeaderExtension(4, null, "urn:ietf:params:rtp-hdrext:sdes:mid"), video.HeaderExtensions[8]);
        Assert.Equal("FID", video.SsrcGroups.Single().Semantics);
        Assert.Equal([1937815984u, 742724046u], video.SsrcGroups.Single().Ssrcs);
        Assert.Equal([1937815984u, 742724046u], video.Ssrcs.Select(s => s.Ssrc));
    }

    [Fact]
    public void A_firefox_offer_with_lf_endings_inherits_the_session_fingerprint_and_reads_fmtp_before_rtpmap()
    {
        var sdp = SessionDescription.Parse(SdpCorpus.Read("valid-firefox-whip-offer.sdp"));
        Assert.DoesNotContain('\r', SdpCorpus.Read("valid-firefox-whip-offer.sdp"));
        foreach (var section in sdp.Media)
        {
            Assert.Equal(0xEE, section.Fingerprints.Single().Digest.Span[0]); // written once, at session level
            Assert.Equal("7d2e4f61", section.IceUfrag);
            Assert.Equal(MediaDirection.SendOnly, section.Direction); // overrides the session's a=sendrecv
        }
        var video = sdp.Media[1];
        Assert.Equal("1", video.FormatParameters[126]["packetization-mode"]);
        Assert.Null(video.FormatParameters[97]["packetization-mode"]);
        Assert.Equal(new HeaderExtension(6, "recvonly", "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay"), video.HeaderExtensions[3]);
        Assert.True(sdp.Media[0].EndOfCandidates);
        Assert.Equal(new RtpMap(9, "G722", 8000, 1), sdp.Media[0].RtpMaps[9]);
    }

    [Fact]
    public void Every_a_line_is_kept_as_written_beside_the_parsed_values()
    {
        var sdp = SessionDescription.Parse(SdpCorpus.Read("valid-chrome-whip-offer.sdp"));
        Assert.Contains(new SdpAttribute("extmap-allow-mixed", null), sdp.Attributes);
        Assert.Contains(new SdpAttribute("msid", "d4b4f0d5-5890-4b28-907e-0840bee1e384 cebbff52-ed84-4f31-bed4-88163fe1824a"), sdp.Media[1].Attributes);
        Assert.Contains(new SdpAttribute("rtcp", "9 IN IP4 0.0.0.0"), sdp.Media[1].Attributes);
    }

    private const string Head = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private const string Video = "m=video 9 UDP/TLS/RTP/SAVPF 96\r\n";

    [Theory]
    [InlineData("", "empty")]
    [InlineData("o=- 1 2 IN IP4 127.0.0.1\r\nv=0\r\n", "line 1: the description does not start with v=0")]
    [InlineData("v=1\r\n", "does not start with v=0")]
    [InlineData("v=0\r\ns=-\r\n", "no o= line")]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n", "no s= line")]
    [InlineData("v=0\r\no=- 1 2 IN IP4\r\ns=-\r\n", "line 2: o= '- 1 2 IN IP4' does not have 6 fields")]
    [InlineData(Head + "a line without an equals sign\r\n", "line 5: 'a line without an equals sign' is not <type>=<value>")]
    [InlineData(Head + "x=1\r\n", "unknown line type 'x='")]
    [InlineData(Head + "v=0\r\n", "a second v= line")]
    [InlineData(Head + "a=rtpmap:96 VP8/90000\r\n", "a=rtpmap outside a media section")]
    [InlineData(Head + "a=\r\n", "has no attribute name")]
    [InlineData(Head + "a=group:BUNDLE 0\r\n" + Video + "a=mid:1\r\n", "a=group:BUNDLE names mid '0' that no media section has")]
    [InlineData(Head + "m=video 65536 UDP/TLS/RTP/SAVPF 96\r\n", "line 5: m= port '65536' is not a number 0-65535")]
    [InlineData(Head + "m=video nine UDP/TLS/RTP/SAVPF 96\r\n", "m= port 'nine' is not a number")]
    [InlineData(Head + "m=video 9/2 UDP/TLS/RTP/SAVPF 96\r\n", "gives a port count")]
    [InlineData(Head + "m=video 9 UDP/TLS/RTP/SAVPF\r\n", "is not '<media> <port> <proto> <fmt> ...'")]
    [InlineData(Head + "m=video 9 UDP/TLS//SAVPF 96\r\n", "m= proto 'UDP/TLS//SAVPF' is not tokens joined by '/'")]
    [InlineData(Head + "m=video 9 UDP/TLS/RTP/SAVPF 96 200\r\n", "m= payload type '200' is not a number 0-127")]
    [InlineData(Head + Video + "a=rtpmap:97 rtx/90000\r\n", "line 6: a=rtpmap for payload type 97, which the m= line (line 5) does not list")]
    [InlineData(Head + Video + "a=fmtp:98 apt=96\r\n", "a=fmtp for payload type 98, which the m= line")]
    [InlineData(Head + Video + "a=rtcp-fb:35 nack\r\n", "a=rtcp-fb for payload type 35")]
    [InlineData(Head + Video + "a=rtpmap:96 VP8\r\n", "is not '<pt> <encoding>/<clock rate>[/<channels>]'")]
    [InlineData(Head + Video + "a=rtpmap:96 VP8/fast\r\n", "a=rtpmap clock rate 'fast' is not a number")]
    [InlineData(Head + Video + "a=rtpmap:96 VP8/90000\r\na=rtpmap:96 VP8/90000\r\n", "a second a=rtpmap for payload type 96")]
    [InlineData(Head + Video + "a=mid:0\r\na=mid:1\r\n", "line 7: a second a=mid")]
    [InlineData(Head + Video + "a=sendonly\r\na=recvonly\r\n", "a second direction attribute")]
    [InlineData(Head + Video + "a=mid:0\r\n" + Video + "a=mid:0\r\n", "mid '0' is used by two media sections")]
    [InlineData(Head + Video + "a=setup:server\r\n", "a=setup:server is not active, passive, actpass or holdconn")]
    [InlineData(Head + Video + "a=fingerprint:sha-256 AB:CD\r\n", "a sha-256 fingerprint has 32 bytes")]
    [InlineData(Head + Video + "a=fingerprint:sha-256 AB:XY\r\n", "a sha-256 fingerprint has 32 bytes")]
    [InlineData(Head + Video + "a=fingerprint:sha-256\r\n", "has no space between the hash function and the digest")]
    [InlineData(Head + Video + "a=ice-ufrag:ab cd\r\n", "a=ice-ufrag 'ab cd' has a character other than ALPHA, DIGIT")]
    [InlineData(Head + Video + "a=ice-pwd\r\n", "a=ice-pwd has no value")]
    [InlineData(Head + Video + "a=extmap:0 urn:x\r\n", "a=extmap id '0' is not a number 1-255")]
    [InlineData(Head + Video + "a=extmap:3/sideways urn:x\r\n", "a=extmap direction 'sideways'")]
    [InlineData(Head + Video + "a=ssrc:4294967296 cname:x\r\n", "SSRC '4294967296' is not a 32-bit number")]
    [InlineData(Head + Video + "a=ssrc-group:FID\r\n", "is not '<semantics> <ssrc> ...'")]
    [InlineData(Head + Video + "a=candidate:1 1 udp 2122260223 192.0.2.1 61764 host\r\n", "a=candidate:1 1 udp")]
    [InlineData(Head + Video + "a=candidate:1 1 udp 2122260223 192.0.2.1 99999 typ host\r\n", "a=candidate port '99999'")]
    [InlineData(Head + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=rtpmap:96 VP8/90000\r\n", "a=rtpmap in a media section that is not RTP")]
    [InlineData(Head + "s=\u0001\r\n", "control character 0x01")]
    public void Malformed_descriptions_say_what_is_wrong_and_where(string sdp, string reason)
    {
        var e = Assert.Throws<SdpException>(() => SessionDescription.Parse(sdp));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Input_is_bounded_in_characters_lines_and_media_sections()
    {
        string tooLong = Head + new string('a', 1) + "=" + new string('x', SessionDescription.MaxLength);
        Assert.Contains("more than 65536", Assert.Throws<SdpException>(() => SessionDescription.Parse(tooLong)).Message);

        string manyLines = Head + string.Concat(Enumerable.Repeat("a=x\r\n", SessionDescription.MaxLines));
        Assert.Contains("more than 2000", Assert.Throws<SdpException>(() => SessionDescription.Parse(manyLines)).Message);

        string manySections = Head + string.Concat(Enumerable.Range(0, 33).Select(i => $"m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:{i}\r\n"));
        var e = Assert.Throws<SdpException>(() => SessionDescription.Parse(manySections));
        Assert.Equal(5 + 32 * 2, e.Line);
        Assert.Contains("more than 32 media sections", e.Message);

        Assert.Equal(32, SessionDescription.Parse(Head + string.Concat(Enumerable.Range(0, 32).Select(i => $"m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:{i}\r\n"))).Media.Count);
    }

    [Fact]
    public void The_fingerprint_prints_back_as_rfc_8122_writes_it()
    {
        const string value = "sha-256 0B:6A:55:46:D3:99:21:36:A3:72:5B:77:1A:E3:AD:D9:87:9E:02:DD:EE:38:56:2B:60:BA:5C:F8:AC:09:C8:3B";
        Assert.True(DtlsFingerprint.TryParse(value.ToLowerInvariant(), out var fingerprint, out _));
        Assert.Equal(value, fingerprint!.ToString());
        Assert.Equal(Convert.FromHexString("0B6A5546D3992136A3725B771AE3ADD9879E02DDEE38562B60BA5CF8AC09C83B"), fingerprint.Digest.ToArray());
    }
}
