using Veil.Media.Demux;

namespace Veil.Media.Tests.Pipeline;

public sealed class StreamFeedTests
{
    [Fact]
    public void A_publisher_over_the_bitrate_limit_is_stopped_with_the_limit_named()
    {
        var feed = new StreamFeed { MaxBytesPerSecond = 1000 }; // 8 kbit/s, 5000 bytes per 5 s window
        feed.Write(new byte[4000]);
        var e = Assert.Throws<InvalidOperationException>(() => feed.Write(new byte[2000]));
        Assert.Contains("more than 8 kbit/s", e.Message);
    }

    [Fact]
    public void An_aborted_feed_releases_a_writer_waiting_for_room()
    {
        var feed = new StreamFeed(capacityBytes: 10);
        feed.Write(new byte[10]);
        var writer = Task.Run(() => feed.Write(new byte[10]));
        Assert.False(writer.Wait(200), "the write went into a full feed");
        feed.Abort();
        Assert.ThrowsAny<OperationCanceledException>(() => writer.GetAwaiter().GetResult());
    }
}
