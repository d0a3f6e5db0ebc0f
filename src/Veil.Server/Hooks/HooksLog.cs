using Microsoft.Extensions.Logging;

namespace Veil.Server.Hooks;

/// <summary>The hooks' log lines: every delivery attempt, with its hook, event and outcome as fields.</summary>
internal static partial class HooksLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "hook {Hook}: sends {Events}")]
    public static partial void Configured(ILogger logger, string hook, string events);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "hook {Hook}: {EventType} {EventId} of {Stream} delivered, status {Status}, attempt {Attempt}, {Milliseconds} ms")]
    public static partial void Delivered(ILogger logger, string hook, string eventType, string eventId, string stream, int status, int attempt, long milliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "hook {Hook}: {EventType} {EventId} of {Stream} not delivered, status {Status} ({Error}), attempt {Attempt}; next attempt in {RetrySeconds:0.0} s")]
    public static partial void AttemptFailed(ILogger logger, string hook, string eventType, string eventId, string stream, int status, string error, int attempt, double retrySeconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "hook {Hook}: its queue holds {Limit} events (the receiver is behind or down): {Dropped} event(s) dropped so far, the last {EventType} of {Stream}")]
    public static partial void Overflow(ILogger logger, string hook, int limit, long dropped, string eventType, string stream);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "hook {Hook}: {Count} event(s) not delivered when the server stopped, {Dropped} dropped before for a full queue")]
    public static partial void Undelivered(ILogger logger, string hook, long count, long dropped);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "hook {Hook}: {EventType} {EventId} of {Stream}: process {Pid} exited with code {ExitCode}")]
    public static partial void CommandExited(ILogger logger, string hook, string eventType, string eventId, string stream, int pid, int exitCode);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "hook {Hook}: {EventType} {EventId} of {Stream}: the command could not start: {Error}")]
    public static partial void CommandNotStarted(ILogger logger, string hook, string eventType, string eventId, string stream, string error);
}
