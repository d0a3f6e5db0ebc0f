using Microsoft.Extensions.Logging;
using Veil.Media;
using Veil.Server.Serve;
using Veil.TestSupport.Logging;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// What the libraries log of a stream's run reads under `veil serve` as it did when the stream put its name
/// in front of their strings ("stream cam: destination ...: connected again"), with the name as a field.
/// </summary>
public sealed class StreamLoggerTests
{
    [Fact]
    public void A_library_line_gets_the_stream_in_front_and_as_a_field()
    {
        var log = new CapturingLogger();
        MediaLog.DestinationBack(new StreamLogger(log, "cam"), "rtmp://relay/live/cam");
        var line = Assert.Single(log.Lines);
        Assert.Equal("stream cam: destination rtmp://relay/live/cam: connected again", line.Text);
        Assert.Equal((LogLevel.Information, 2), (line.Level, line.Id.Id));
        Assert.Equal("cam", line.Fields["Stream"]);
        Assert.Equal("rtmp://relay/live/cam", line.Fields["Destination"]);
        Assert.Equal("stream {Stream}: destination {Destination}: connected again", line.Fields["{OriginalFormat}"]);
    }
}
