using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Veil.Fuzz.Fakes;
using Veil.Ingest.Srt;
using Veil.TestSupport;

namespace Veil.Ingest.Tests.Srt;

/// <summary>A publisher let in that sends no media is dropped after the idle time, though SRT's keep-alives keep its connection up.</summary>
public sealed class SrtIdleTests
{
    [Fact]
    public async Task A_publisher_sending_only_keep_alives_is_dropped_after_the_idle_time()
    {
        var feed = new MemoryFeed("cam");
        await using var server = new SrtServer(new IPEndPoint(IPAddress.Loopback, 0), new AcceptingPoints(feed), NullLogger.Instance,
            new SrtOptions { IdleTimeout = TimeSpan.FromSeconds(1) });
        server.Start();
        using var caller = SrtCaller.Connect(server.Endpoint.Port, "publish:cam:KEY1");
        var connected = Stopwatch.StartNew();
        await feed.Stopped.WaitAsync(TimeSpan.FromSeconds(10)); // SRT alone keeps an idle connection up for good
        Assert.InRange(connected.Elapsed.TotalSeconds, 0.5, 4); // the idle second, a wake-up, and a loaded machine
        for (int i = 0; i < 50 && caller.IsConnected; i++) await Task.Delay(100);
        Assert.False(caller.IsConnected, "the server did not close the idle publisher's connection");
    }
}
