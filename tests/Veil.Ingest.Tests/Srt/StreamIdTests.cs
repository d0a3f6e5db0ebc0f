using Veil.Ingest.Srt;

namespace Veil.Ingest.Tests.Srt;

/// <summary>The stream id forms an SRT publisher may use (Veil's, MediaMTX's, SRT's access-control syntax), and what is refused.</summary>
public sealed class StreamIdTests
{
    [Theory]
    [InlineData("publish:cam:KEY1", "cam", "KEY1")]
    [InlineData("publish:cam:user:KEY1", "cam", "KEY1")] // MediaMTX with credentials: the password is the key
    [InlineData("publish:cam:user:KEY1:token=x", "cam", "KEY1")]
    [InlineData("#!::r=cam,m=publish,s=KEY1", "cam", "KEY1")]
    [InlineData("#!::u=phone,t=stream,m=publish,r=cam,s=KEY1,h=veil.example", "cam", "KEY1")]
    [InlineData("#!::bmd_uuid=0e1df79f,bmd_name=studio,r=cam,s=KEY1", "cam", "KEY1")] // vendor keys ignored, no m: a publish
    public void A_publish_names_its_stream_and_key(string raw, string stream, string key)
    {
        var id = StreamId.Parse(raw, out string error, out bool isRead);
        Assert.Equal(new StreamId(stream, key), id);
        Assert.Equal("", error);
        Assert.False(isRead);
    }

    [Theory]
    [InlineData("read:cam")]
    [InlineData("read:cam:user:pass")]
    [InlineData("#!::r=cam,m=request")]
    public void A_read_is_told_apart(string raw)
    {
        Assert.Null(StreamId.Parse(raw, out _, out bool isRead));
        Assert.True(isRead);
    }

    [Theory]
    [InlineData(null, "no stream id: publish with streamid=")]
    [InlineData("", "no stream id")]
    [InlineData("cam", "stream id 'cam' is not one of 'publish:STREAM:KEY'")]
    [InlineData("play:cam:KEY1", "stream id 'play:cam:***' is not one of")]
    [InlineData("publish:cam", "stream id 'publish:cam' gives no key for stream 'cam'")]
    [InlineData("publish::KEY1", "names no stream")]
    [InlineData("publish:a:b:c:d:e", "is not one of")]
    [InlineData("#!::r=cam,m=publish", "gives no key for stream 'cam'")]
    [InlineData("#!::m=publish,s=KEY1", "stream id '#!::m=publish,s=***' names no stream")]
    [InlineData("#!::r=cam,s", "'s' is not KEY=VALUE")]
    [InlineData("#!::r=cam,m=push,s=KEY1", "mode m=push is not publish")]
    public void A_malformed_stream_id_is_refused_saying_why_without_its_key(string? raw, string expected)
    {
        Assert.Null(StreamId.Parse(raw, out string error, out bool isRead));
        Assert.False(isRead);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("KEY1", error);
    }

    [Fact]
    public void A_stream_id_over_srts_512_characters_is_refused()
    {
        Assert.Null(StreamId.Parse("publish:cam:" + new string('k', 501), out string error, out _));
        Assert.Contains("513 characters is over SRT's 512", error);
    }
}
