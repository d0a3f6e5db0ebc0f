using Microsoft.Extensions.Logging;

namespace Veil.Server.Memory;

/// <summary>What a stream's end gave back to the system.</summary>
internal static partial class MemoryLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "memory: the models' arenas were not shrunk: {Reason}")]
    public static partial void ArenasNotShrunk(ILogger logger, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "memory: {Released} MB given back after a stream run, resident {Before} -> {After} MB")]
    public static partial void Released(ILogger logger, long released, long before, long after);
}
