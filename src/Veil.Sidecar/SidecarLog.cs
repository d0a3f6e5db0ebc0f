using Microsoft.Extensions.Logging;

namespace Veil.Sidecar;

internal static partial class SidecarLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "sidecar: {Engine} store ready, media in {MediaDirectory}, listening on {Url}")]
    public static partial void Listening(ILogger logger, string engine, string mediaDirectory, string url);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "sidecar: {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "sidecar: {Actor} did {Action} on event {EventId}")]
    public static partial void Changed(ILogger logger, string actor, string action, string eventId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "sidecar: {Actor} imported {Created} event(s), {Duplicates} already stored, {Media} media file(s)")]
    public static partial void Imported(ILogger logger, string actor, int created, int duplicates, int media);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "sidecar: event {EventId} delivered again with different {Fields}: refused (409), the stored event is kept")]
    public static partial void ConflictingEvent(ILogger logger, string eventId, string fields);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "sidecar: failed sign-in as {Name} from {Address}")]
    public static partial void SignInFailed(ILogger logger, string name, string address);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "sidecar: {Actor} did {Action} on user {Name}")]
    public static partial void UserChanged(ILogger logger, string actor, string action, string name);
}
