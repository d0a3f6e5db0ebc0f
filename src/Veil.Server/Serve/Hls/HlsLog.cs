using Microsoft.Extensions.Logging;

namespace Veil.Server.Serve.Hls;

/// <summary>The HLS folder's log lines.</summary>
internal static partial class HlsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "HLS of {Stream}: cannot delete the old files: {Reason}")]
    public static partial void CannotDeleteOldFiles(ILogger logger, string stream, string reason);
}
