using System.Net;
using Microsoft.Extensions.Logging;

namespace Veil.Server.Serve;

/// <summary>A live stream's log lines, each with the stream's name as a field: its life, its publishers, its policy.</summary>
internal static partial class StreamLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "stream {Stream}: added, {Source} -> {Destinations}")]
    public static partial void Added(ILogger logger, string stream, string source, string destinations);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "stream {Stream}: removed")]
    public static partial void Removed(ILogger logger, string stream);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "stream {Stream}: running, {Width}x{Height} at {Fps:0.##} fps (as probed; keyframes every {Gop} s by time) from {Source} to {Count} destination(s), {KeepZones}")]
    public static partial void Running(ILogger logger, string stream, int width, int height, double fps, double gop, string source, int count, string keepZones);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "stream {Stream}: source ended after {Frames} frames")]
    public static partial void SourceEnded(ILogger logger, string stream, long frames);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "stream {Stream}: {Reason}")]
    public static partial void Problem(ILogger logger, string stream, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "stream {Stream}: retrying in {Seconds:0} s (attempt {Attempt})")]
    public static partial void Retrying(ILogger logger, string stream, double seconds, int attempt);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "stream {Stream}: {Reason} from the one that is gone ({Protocol} from {Peer})")]
    public static partial void TakenOver(ILogger logger, string stream, string reason, string protocol, IPAddress peer);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "stream {Stream}: publish ended after {Frames} frames")]
    public static partial void PublishEnded(ILogger logger, string stream, long frames);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information,
        Message = "stream {Stream}: policy changed by {Who}{Looser}: {Policy}; from the next frame: {Applied}; from the next run: {NextRun}")]
    public static partial void PolicyChanged(ILogger logger, string stream, string who, string looser, string policy, string applied, string nextRun);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "stream {Stream}: policy change by {Who} refused, the policy stays as it was: {Reason}")]
    public static partial void PolicyRefused(ILogger logger, string stream, string who, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "a WebRTC viewer failed and stops receiving: {Reason}")]
    public static partial void ViewerFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "stream {Stream}: {Asked} exists (an earlier run's, or not Veil's), writing {Opened} beside it")]
    public static partial void WritingBeside(ILogger logger, string stream, string asked, string opened);
}
