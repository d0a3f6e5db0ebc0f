using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Veil.Fuzz.Fakes;
using Veil.Fuzz.Targets;
using Veil.Ingest.Rtmp;
using Veil.Ingest.Rtmp.Wire;
using Veil.TestSupport;

namespace Veil.Ingest.Tests.Rtmp;

/// <summary>
/// The server's reassembly budget is shared by every session: a hostile peer's message must give its
/// bytes back when the session ends with a protocol error, or enough such peers leave none for the
/// publishers that follow.
/// </summary>
public sealed class ControlMessageBudgetTests
{
    [Fact]
    public async Task Peers_that_send_a_cut_short_set_chunk_size_leave_the_budget_to_ffmpeg_publishing_after_them()
    {
        // 40 KiB for the whole server: room for what ffmpeg has in flight at once (the messages of one
        // 16 KiB read, each in a pooled array rounded up, and a 4 KiB keyframe), and less than 2,600
        // peers keeping a 16-byte buffer each would leave.
        var feed = new MemoryFeed();
        await using var server = new RtmpServer(new IPEndPoint(IPAddress.Loopback, 0), new AcceptingPoints(feed), NullLogger.Instance,
            new RtmpLimits { MaxReassemblyBytes = 40 << 10, MaxConnectionsPerAddress = 512 }); // one address, many peers: only the budget is tested
        server.Start();
        byte[] cutShortSetChunkSize = [0x02, 0, 0, 0, 0, 0, 2, RtmpMessage.SetChunkSize, 0, 0, 0, 0, 0x00, 0x80]; // a 2-byte body (needs 4)
        for (int round = 0; round < 130; round++)
            await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SendAfterHandshakeAsync(server.Endpoint, cutShortSetChunkSize)));

        var ffmpeg = await FfTools.RunFfmpegAsync(["-v", "error", "-re", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-f", "lavfi", "-i", "sine",
            "-t", "1", "-c:v", "libx264", "-g", "10", "-c:a", "aac", "-f", "flv", $"rtmp://{server.Endpoint}/live/anykey"], TimeSpan.FromSeconds(60));
        Assert.True(ffmpeg.Succeeded, ffmpeg.StdErr);
        await feed.Stopped.WaitAsync(TimeSpan.FromSeconds(10)); // the session has handed on all it read
        var tags = FlvTags.Read(feed.Written[FlvTag.FileHeaderSize..], checkTrailers: true, out _);
        Assert.Equal(10, tags.Count(t => t.Type == FlvTag.Video && t.Data[1] == 1)); // every frame arrived (type 1: coded frames, not the sequence header)
    }

    /// <summary>A raw peer: the handshake, then <paramref name="chunks"/>, then it waits for the server to close.</summary>
    private static async Task SendAfterHandshakeAsync(IPEndPoint server, byte[] chunks)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server);
        var stream = client.GetStream();
        var c0c1 = new byte[1 + Handshake.Size];
        c0c1[0] = 3;
        await stream.WriteAsync(c0c1);
        var s0s1s2 = new byte[1 + 2 * Handshake.Size];
        await stream.ReadExactlyAsync(s0s1s2);
        await stream.WriteAsync((byte[])[.. s0s1s2.AsSpan(1, Handshake.Size), .. chunks]); // C2 echoes S1; one write, or Nagle waits for an ACK
        var rest = new byte[256];
        while (await stream.ReadAsync(rest) > 0) { }
    }
}
