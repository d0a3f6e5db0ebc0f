using System.Net;
using Microsoft.Extensions.Logging;

namespace Veil.Server.Serve;

/// <summary>`veil serve`'s own log lines: where it listens, the control API's failures and refusals, its stop.</summary>
internal static partial class ServeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "veil serve: control API, /healthz, /readyz and /metrics on {Url}{Grpc}{WebRtc}{Hls}{Recording}")]
    public static partial void Listening(ILogger logger, string url, string grpc, string webRtc, string hls, string recording);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "veil serve: stopping {Count} stream(s)")]
    public static partial void Stopping(ILogger logger, int count);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "no Veil:AdminToken configured: the control API takes this one for this run: {Token}")]
    public static partial void GeneratedAdminToken(ILogger logger, string token);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "auth: {Peer} gave {Limit} wrong keys or tokens within a minute (control API): its attempts are refused for the rest of the minute")]
    public static partial void ControlApiThrottled(ILogger logger, IPAddress peer, int limit);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "auth: {Peer} gave {Limit} wrong keys within a minute ({Protocol}): its attempts are refused for the rest of the minute")]
    public static partial void PublishThrottled(ILogger logger, IPAddress peer, int limit, string protocol);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "control API: {Method} {Path} failed")]
    public static partial void ControlApiFailed(ILogger logger, Exception exception, string method, string? path);
}
