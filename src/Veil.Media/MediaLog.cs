using Microsoft.Extensions.Logging;

namespace Veil.Media;

/// <summary>
/// A run's log lines (<see cref="Pipeline.TranscodeRequest.Log"/>): its destinations lost and back,
/// load shed, a failing video tap, a display matrix that cannot be followed. The server puts the
/// stream's name in front of each; `veil anonymize` prints them after "veil: ".
/// </summary>
internal static partial class MediaLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "destination {Destination}: {Reason}")]
    public static partial void DestinationFailed(ILogger logger, string destination, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "destination {Destination}: connected again")]
    public static partial void DestinationBack(ILogger logger, string destination);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "behind its source: dropped {Frames} frame(s) before redaction and skipped {Packets} packet(s) to a keyframe before decoding in the last {Seconds:0} s, to stay near real time ({Total} in all; keeping 1 frame in {KeepEvery})")]
    public static partial void BehindSource(ILogger logger, long frames, long packets, double seconds, long total, int keepEvery);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "video tap failed: {Reason}")]
    public static partial void VideoTapFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "video stream #{StreamIndex}: its display matrix holds no rotation (degenerate); the picture is kept as coded")]
    public static partial void DisplayMatrixDegenerate(ILogger logger, int streamIndex);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "video stream #{StreamIndex}: its display matrix turns the picture by {Degrees:0}°, not a multiple of 90°; it is turned by {TurnedBy}° instead")]
    public static partial void DisplayMatrixRounded(ILogger logger, int streamIndex, double degrees, int turnedBy);
}
