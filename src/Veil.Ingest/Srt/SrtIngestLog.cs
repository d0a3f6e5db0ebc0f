using System.Net;
using Microsoft.Extensions.Logging;
using Veil.Ingest.Srt.Native;

namespace Veil.Ingest.Srt;

/// <summary>
/// The SRT ingest's log lines: the listener, each refusal in the handshake, each session with its
/// peer, stream and reason as fields, and libsrt's own errors (routed here by <see cref="SrtLog"/>).
/// </summary>
internal static partial class SrtIngestLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "srt: listening on srt://{Endpoint} (libsrt {Version}, latency {Latency} ms, {Encryption}); stream ids {Forms}")]
    public static partial void Listening(ILogger logger, IPEndPoint endpoint, string version, int latency, string encryption, string forms);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "srt: accept failed: {Error}")]
    public static partial void AcceptFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "srt: {Peer}: publish refused ({Code}): {Reason} (stream id '{StreamId}')")]
    public static partial void PublishRefused(ILogger logger, IPEndPoint peer, string code, string reason, string streamId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "srt: {Peer}: the handshake to publish {Stream} did not finish within {Seconds} s (a passphrase that does not match?)")]
    public static partial void HandshakeUnfinished(ILogger logger, IPEndPoint peer, string stream, double seconds);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "srt session {Session} from {Peer}: publishing stream {Stream}")]
    public static partial void Publishing(ILogger logger, int session, IPEndPoint peer, string stream);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "srt session {Session} from {Peer} (stream {Stream}): ended: {Reason} ({Bytes} bytes received; {Stats})")]
    public static partial void Ended(ILogger logger, int session, IPEndPoint peer, string stream, string reason, long bytes, SrtReceiveStats stats);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "srt: libsrt: {Message}")]
    public static partial void Libsrt(ILogger logger, string message);
}
