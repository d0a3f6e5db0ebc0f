using System.Net;
using Microsoft.Extensions.Logging;

namespace Veil.Ingest.Rtmp;

/// <summary>The RTMP ingest's log lines: the listener, its refusals, and each session with its peer, stream and reason as fields.</summary>
internal static partial class RtmpLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "rtmp: listening on rtmp://{Endpoint} (at most {Max} connections, {PerAddress} per address)")]
    public static partial void Listening(ILogger logger, IPEndPoint endpoint, int max, int perAddress);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "rtmp: accept failed: {Error}")]
    public static partial void AcceptFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "rtmp: refused {Total} connection(s) at the cap of {Max} and {PerAddress} at {PerAddressMax} per address; closed {Late} that did not publish within {Deadline} s")]
    public static partial void Refusals(ILogger logger, long total, int max, long perAddress, int perAddressMax, long late, double deadline);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "rtmp session {Session}: connection from {Peer}")]
    public static partial void Connection(ILogger logger, int session, EndPoint? peer);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "rtmp session {Session} from {Peer}: publishing stream {Stream} (app '{App}')")]
    public static partial void Publishing(ILogger logger, int session, IPAddress peer, string stream, string app);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "rtmp session {Session} (stream {Stream}): publisher finished")]
    public static partial void PublisherFinished(ILogger logger, int session, string stream);

    /// <summary>A session that published, ended.</summary>
    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "rtmp session {Session} from {Peer} (stream {Stream}): ended: {Reason}")]
    public static partial void PublishEnded(ILogger logger, int session, IPAddress peer, string stream, string reason);

    /// <summary>A session that never published, ended (a refused publish, a player, a protocol error).</summary>
    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "rtmp session {Session} from {Peer}: ended: {Reason}")]
    public static partial void Ended(ILogger logger, int session, IPAddress peer, string reason);

    /// <summary>A session that did not publish within the handshake deadline: debug only, the server sums these up in <see cref="Refusals"/>.</summary>
    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "rtmp session {Session} from {Peer}: ended: {Reason}")]
    public static partial void EndedLate(ILogger logger, int session, IPAddress peer, string reason);
}
