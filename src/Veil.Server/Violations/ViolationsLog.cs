using Microsoft.Extensions.Logging;

namespace Veil.Server.Violations;

/// <summary>The event reporter's lines under `veil serve` (each already says "events: ...", as `veil anonymize` prints them).</summary>
internal static partial class ViolationsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Message}")]
    public static partial void Events(ILogger logger, string message);
}
