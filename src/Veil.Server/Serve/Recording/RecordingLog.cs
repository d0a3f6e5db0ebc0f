using Microsoft.Extensions.Logging;

namespace Veil.Server.Serve.Recording;

/// <summary>The recordings' log lines: what retention and the start-up clean-up deleted, and why.</summary>
internal static partial class RecordingLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "recording: deleted {File}, left unfinished when the server stopped last")]
    public static partial void DeletedUnfinished(ILogger logger, string file);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "recording: deleted {File}, {Reason}")]
    public static partial void Deleted(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "recording: cannot delete {File}: {Reason}")]
    public static partial void CannotDelete(ILogger logger, string file, string reason);
}
