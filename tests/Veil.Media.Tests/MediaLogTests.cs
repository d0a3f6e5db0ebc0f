using Microsoft.Extensions.Logging;
using Veil.Media.Demux;
using Veil.Media.Frames;
using Veil.Media.Pipeline;
using Veil.TestSupport.Logging;

namespace Veil.Media.Tests;

/// <summary>
/// A run's log lines read as they did when they were strings handed to an Action (operators and the
/// server's tests grep them), carry their values as named fields, and have levels and event ids of their own.
/// </summary>
public sealed class MediaLogTests
{
    [Fact]
    public void The_lines_read_as_before()
    {
        var log = new CapturingLogger();
        MediaLog.DestinationFailed(log, "rtmp://relay/live/cam", "Connection refused");
        MediaLog.DestinationBack(log, "rtmp://relay/live/cam");
        MediaLog.BehindSource(log, 12, 30, 10.2, 57, 2);
        DisplayMatrix.LogUnfollowed(log, 0, 280);
        Assert.Equal(
        [
            (LogLevel.Warning, 1, "destination rtmp://relay/live/cam: Connection refused"),
            (LogLevel.Information, 2, "destination rtmp://relay/live/cam: connected again"),
            (LogLevel.Warning, 3, "behind its source: dropped 12 frame(s) before redaction and skipped 30 packet(s) to a keyframe before decoding in the last 10 s, to stay near real time (57 in all; keeping 1 frame in 2)"),
            (LogLevel.Warning, 6, "video stream #0: its display matrix turns the picture by 280°, not a multiple of 90°; it is turned by 270° instead"),
        ], log.Lines.Select(l => (l.Level, l.Id.Id, l.Text)));
    }

    [Fact]
    public void A_matrix_followed_exactly_is_not_logged()
    {
        var log = new CapturingLogger();
        DisplayMatrix.LogUnfollowed(log, 0, null);
        DisplayMatrix.LogUnfollowed(log, 0, 90);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void A_destination_that_cannot_connect_is_logged_with_its_url_and_reason_as_fields()
    {
        var log = new CapturingLogger();
        using var pool = new PacketPool();
        using (new Destination("rtmp://relay/live/cam", () => throw new IOException("Connection refused"), pool, 0, log))
            SpinWait.SpinUntil(() => log.Lines.Count > 0, TimeSpan.FromSeconds(5));
        var line = Assert.Single(log.Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal("rtmp://relay/live/cam", line.Fields["Destination"]);
        Assert.Equal("Connection refused", line.Fields["Reason"]);
    }

    [Fact]
    public void Event_ids_are_unique() => Assert.Empty(LogClasses.EventIdProblems(typeof(MediaLog)));
}
