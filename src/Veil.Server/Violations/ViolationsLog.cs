using Microsoft.Extensions.Logging;

namespace Veil.Server.Violations;

/// <summary>
/// The violation side's lines: the event reporter's ("events: ...", <see cref="EventReporter"/>) and the rules' stage's
/// ("violation rules ...", <see cref="ViolationStage"/>). `veil serve` logs them, `veil anonymize` prints them after "veil: ".
/// </summary>
internal static partial class ViolationsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "events: {Kind} on {Camera} at {Time:HH:mm:ss.fff}, tracks {Tracks} ({Id})")]
    public static partial void Reported(ILogger logger, string kind, string camera, DateTimeOffset time, string tracks, string id);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "events: {Count} event(s) from an earlier run wait in {Directory}")]
    public static partial void FromEarlierRun(ILogger logger, long count, string directory);

    /// <summary>What the deliverer tells of its sidecar: deliveries and recovery as information, retries and dead letters as warnings.</summary>
    [LoggerMessage(EventId = 3, Message = "events: {Notice}")]
    public static partial void Delivery(ILogger logger, LogLevel level, string notice);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "events: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "violation rules failed on frame {Frame}: {Reason}")]
    public static partial void RulesFailed(ILogger logger, long frame, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "violation rules still busy after {Seconds:0} s at the end of the run: the events of its last frames may be missing")]
    public static partial void RulesStillBusy(ILogger logger, double seconds);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "violation rules skipped {Frames} frame(s): they fell more than a second behind the video")]
    public static partial void RulesSkipped(ILogger logger, long frames);
}
