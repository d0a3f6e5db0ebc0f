using System.Diagnostics;
using Veil.Media.Demux;

namespace Veil.Media.Tests.Pipeline;

public sealed class StreamFeedTests
{
    [Fact]
    public void A_publisher_over_the_bitrate_limit_is_stopped_with_the_limit_named()
    {
        var feed = new StreamFeed { MaxBytesPerSecond = 1000 }; // 8 kbit/s, 5000 bytes per 5 s window
        feed.Write(new byte[4000]);
        var e = Assert.Throws<FeedLimitException>(() => feed.Write(new byte[2000]));
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

    [Fact]
    public async Task An_async_writer_awaits_room_without_a_thread_and_goes_on_when_the_reader_takes_bytes()
    {
        var feed = new StreamFeed(capacityBytes: 10);
        await feed.WriteAsync(new byte[10]);
        Assert.False(feed.TryWrite(new byte[1]), "a full feed took a live write");
        var waiting = feed.WriteAsync(new byte[] { 7, 7, 7 }).AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted, "the write went into a full feed");
        Assert.Equal(10, Read(feed, 64).Length);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(new byte[] { 7, 7, 7 }, Read(feed, 64));
    }

    [Fact]
    public async Task Each_byte_is_known_by_when_it_arrived_not_when_it_was_read()
    {
        var feed = new StreamFeed();
        long before = Stopwatch.GetTimestamp();
        await feed.WriteAsync(new byte[100_000]); // spans two pooled segments
        await Task.Delay(50);
        long middle = Stopwatch.GetTimestamp();
        await feed.WriteAsync(new byte[10]);
        Assert.InRange(feed.ArrivalOf(0), before, middle);
        Assert.InRange(feed.ArrivalOf(99_999), before, middle);
        Assert.True(feed.ArrivalOf(100_005) >= middle);
        Assert.Equal(100_010, Read(feed, 200_000).Length);
    }

    private static unsafe byte[] Read(StreamFeed feed, int size)
    {
        var buffer = new byte[size];
        int n;
        fixed (byte* p = buffer) n = feed.Read(p, size, TimeSpan.FromSeconds(1));
        return buffer[..n];
    }
}
