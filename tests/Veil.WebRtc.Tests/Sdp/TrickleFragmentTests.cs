using Veil.WebRtc.Sdp;

namespace Veil.WebRtc.Tests.Sdp;

/// <summary>WHIP PATCH bodies (application/trickle-ice-sdpfrag): candidates, credentials, and malformed fragments.</summary>
public sealed class TrickleFragmentTests
{
    [Fact]
    public void A_bundled_fragment_gives_its_candidates_and_credentials()
    {
        var fragment = TrickleFragment.Parse(SdpCorpus.ReadCrlf("trickle-bundle-patch.sdpfrag"));
        Assert.Equal(("EsAw", "P2uYro0UCOQ4zxjKXaWCBui1"), (fragment.IceUfrag, fragment.IcePwd));
        Assert.Equal(4, fragment.Candidates.Count);
        Assert.Equal("1387637174 1 udp 2122260223 192.0.2.1 61764 typ host generation 0 ufrag EsAw network-id 1", fragment.Candidates[0]);
        Assert.True(fragment.EndOfCandidates);
        Assert.False(fragment.IsIceRestart("EsAw"));
        Assert.True(fragment.IsIceRestart("x9Fq"));
    }

    [Fact]
    public void The_whip_draft_example_with_its_portless_m_line_is_read()
    {
        var fragment = TrickleFragment.Parse(SdpCorpus.Read("trickle-whip-draft-example.sdpfrag"));
        Assert.Equal(4, fragment.Candidates.Count);
        Assert.Equal("EsAw", fragment.IceUfrag);
    }

    [Fact]
    public void An_end_of_candidates_alone_is_a_fragment_without_candidates()
    {
        var fragment = TrickleFragment.Parse("a=end-of-candidates\r\n");
        Assert.Empty(fragment.Candidates);
        Assert.True(fragment.EndOfCandidates);
        Assert.Null(fragment.IceUfrag);
    }

    [Theory]
    [InlineData("", "the fragment is empty")]
    [InlineData("\r\n\r\n", "the fragment is empty")]
    [InlineData("v=0\r\n", "line 1: 'v=0' is neither a= nor m=")]
    [InlineData("a=candidate:1 1 udp 2122260223 192.0.2.1 61764 host\r\n", "is not '<foundation> <component>")]
    [InlineData("a=candidate:1 1 udp 2122260223 192.0.2.1 port typ host\r\n", "a=candidate port 'port'")]
    [InlineData("a=candidate:1 1 udp -5 192.0.2.1 5000 typ host\r\n", "priority '-5'")]
    [InlineData("a=ice-ufrag:EsAw\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=ice-ufrag:Other\r\n", "line 3: a=ice-ufrag 'Other' differs from 'EsAw'")]
    [InlineData("a=ice-pwd:bad pwd\r\n", "has a character other than ALPHA")]
    public void Malformed_fragments_say_why(string body, string reason)
    {
        Assert.Contains(reason, Assert.Throws<SdpException>(() => TrickleFragment.Parse(body)).Message);
    }
}
