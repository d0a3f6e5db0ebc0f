using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Veil.Fuzz.Fakes;
using Veil.Ingest.Srt;
using Veil.TestSupport;

namespace Veil.Ingest.Tests.Srt;

/// <summary>
/// An SRT port with a passphrase: FFmpeg encrypting with it publishes MPEG-TS that arrives whole in
/// the feed; one with another passphrase is refused by libsrt after its stream id was let in, and the
/// publish it opened is given up instead of holding the stream.
/// </summary>
public sealed class SrtPassphraseTests
{
    private const string Passphrase = "correct-horse-battery";
    private static readonly string Dir = SharedData.OutDirectory("srt-passphrase");

    [Fact]
    public async Task Ffmpeg_with_the_passphrase_publishes_mpegts_that_arrives_whole()
    {
        var feed = new MemoryFeed("cam");
        await using var server = new SrtServer(new IPEndPoint(IPAddress.Loopback, 0), new AcceptingPoints(feed), NullLogger.Instance, new SrtOptions { Passphrase = Passphrase });
        server.Start();
        var publish = await FfTools.RunFfmpegAsync(["-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "2", "-c:v", "libx264", "-tune", "zerolatency", "-g", "25",
            "-f", "mpegts", $"srt://127.0.0.1:{server.Endpoint.Port}?streamid=publish:cam:KEY1&passphrase={Passphrase}"]);
        publish.EnsureSuccess();
        var stop = await feed.Stopped.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(PublishStopKind.Finished, stop.Kind);

        string received = Path.Combine(Dir, "received.ts");
        await File.WriteAllBytesAsync(received, feed.Written.ToArray());
        Assert.True(feed.Written.Length > 10 * 188 && feed.Written[0] == 0x47, $"{feed.Written.Length} bytes, not MPEG-TS");
        var probe = await FfTools.ProbeAsync(received);
        Assert.Equal("h264", probe.Video.CodecName);
        Assert.Equal((320, 240), (probe.Video.Width, probe.Video.Height));
    }

    [Fact]
    public async Task Ffmpeg_with_another_passphrase_is_refused_and_the_publish_it_opened_is_given_up()
    {
        var feed = new MemoryFeed("cam");
        await using var server = new SrtServer(new IPEndPoint(IPAddress.Loopback, 0), new AcceptingPoints(feed), NullLogger.Instance,
            new SrtOptions { Passphrase = Passphrase, HandshakeTimeout = TimeSpan.FromSeconds(1) });
        server.Start();
        var publish = await FfTools.RunFfmpegAsync(["-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "2", "-c:v", "libx264",
            "-f", "mpegts", $"srt://127.0.0.1:{server.Endpoint.Port}?streamid=publish:cam:KEY1&passphrase=not-the-passphrase"]);
        Assert.False(publish.Succeeded);
        Assert.Contains("REJECT reported from HS processing", publish.StdErr);
        var stop = await feed.Stopped.WaitAsync(TimeSpan.FromSeconds(10)); // completed by the server, not left open
        Assert.Equal(PublishStopKind.Finished, stop.Kind);
        Assert.Equal(0, feed.Written.Length);
    }
}
