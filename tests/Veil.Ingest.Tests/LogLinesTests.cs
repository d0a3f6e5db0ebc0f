using System.Net;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Veil.Ingest.Grpc;
using Veil.Ingest.Rtmp;
using Veil.Ingest.Srt;
using Veil.Ingest.Srt.Native;
using Veil.Protos;
using Veil.TestSupport.Logging;

namespace Veil.Ingest.Tests;

/// <summary>
/// The ingests' log lines read as they did before they became [LoggerMessage] methods (people and
/// the server's tests grep them), carry their values as named fields, and each class's event ids are its own.
/// </summary>
public sealed class LogLinesTests
{
    private static readonly IPAddress Peer = IPAddress.Parse("192.0.2.7");
    private static readonly IPEndPoint PeerEndpoint = new(Peer, 5000);

    [Fact]
    public void The_lines_read_as_before()
    {
        var log = new CapturingLogger();
        GrpcLog.Publishing(log, "cam", MediaKind.Jpeg, 640, 480, Peer);
        GrpcLog.PublishEnded(log, "cam", 12, StatusCode.Unavailable, "the stream stopped");
        RtmpLog.Refusals(log, 3, 256, 1, 16, 2, 10);
        RtmpLog.PublishEnded(log, 4, Peer, "cam", "publisher disconnected");
        RtmpLog.Ended(log, 5, Peer, "publish refused: no stream has the key");
        SrtIngestLog.PublishRefused(log, PeerEndpoint, "1401 unauthorized", "the key is wrong", "publish:cam:***");
        SrtIngestLog.Ended(log, 1, PeerEndpoint, "cam", "publisher disconnected", 1316, new SrtReceiveStats(1, 0, 0));
        Assert.Equal(
        [
            "grpc: publishing stream cam (Jpeg 640x480) from 192.0.2.7",
            "grpc: stream cam: publish ended after 12 frames: Unavailable: the stream stopped",
            "rtmp: refused 3 connection(s) at the cap of 256 and 1 at 16 per address; closed 2 that did not publish within 10 s",
            "rtmp session 4 from 192.0.2.7 (stream cam): ended: publisher disconnected",
            "rtmp session 5 from 192.0.2.7: ended: publish refused: no stream has the key",
            "srt: 192.0.2.7:5000: publish refused (1401 unauthorized): the key is wrong (stream id 'publish:cam:***')",
            "srt session 1 from 192.0.2.7:5000 (stream cam): ended: publisher disconnected (1316 bytes received; 1 packets, 0 lost on the way, 0 too late to play)",
        ], log.Lines.Select(l => l.Text));
    }

    [Fact]
    public void The_values_are_fields()
    {
        var log = new CapturingLogger();
        RtmpLog.PublishEnded(log, 4, Peer, "cam", "publisher disconnected");
        var fields = log.Lines.Single().Fields;
        Assert.Equal(4, fields["Session"]);
        Assert.Equal(Peer, fields["Peer"]);
        Assert.Equal("cam", fields["Stream"]);
        Assert.Equal("publisher disconnected", fields["Reason"]);
    }

    [Fact]
    public void A_late_handshake_is_debug_only()
    {
        var log = new CapturingLogger();
        RtmpLog.EndedLate(log, 6, Peer, "did not publish within 10 s (handshake, connect, publish)");
        RtmpLog.Ended(log, 7, Peer, "connection lost");
        Assert.Equal([LogLevel.Debug, LogLevel.Information], log.Lines.Select(l => l.Level));
    }

    [Theory]
    [InlineData(typeof(GrpcLog))]
    [InlineData(typeof(RtmpLog))]
    [InlineData(typeof(SrtIngestLog))]
    public void Event_ids_are_unique_within_a_class(Type type) => Assert.Empty(LogClasses.EventIdProblems(type));
}
