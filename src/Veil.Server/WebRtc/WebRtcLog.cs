using System.Net;
using Microsoft.Extensions.Logging;

namespace Veil.Server.WebRtc;

/// <summary>The WHIP and WHEP endpoints' log lines, with their session, stream and reason as fields.</summary>
internal static partial class WebRtcLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "webrtc: WHIP and WHEP media on UDP {Endpoint}, candidates {Candidates}")]
    public static partial void Listening(ILogger logger, IPEndPoint endpoint, string candidates);

    // Event id 2, under this category, is the ICE mux's "dropping UDP packets" (Veil.WebRtc's IceLog).

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "webrtc: {Session} started ({Count} session(s) on the port)")]
    public static partial void SessionStarted(ILogger logger, string session, int count);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "webrtc: {Session} ended: {Reason}{Summary}")]
    public static partial void SessionEnded(ILogger logger, string session, string reason, string summary);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "webrtc: WHEP viewer of {Stream} got its first frame {OfferMs:0} ms after its offer, {ConnectedMs:0} ms after connecting")]
    public static partial void ViewerFirstFrame(ILogger logger, string stream, double offerMs, double? connectedMs);
}
