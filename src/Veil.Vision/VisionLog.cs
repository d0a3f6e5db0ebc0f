using Microsoft.Extensions.Logging;

namespace Veil.Vision;

/// <summary>The detection gate's lines (<see cref="Pipeline.FailClosedProcessor"/>): detection failing and recovering, once each.</summary>
internal static partial class VisionLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "detection failed at frame {Frame} ({Reason}): frames are obscured until it recovers")]
    public static partial void DetectionFailed(ILogger logger, long frame, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "detection recovered at frame {Frame} after {Obscured} obscured frame(s)")]
    public static partial void DetectionRecovered(ILogger logger, long frame, long obscured);
}
