using Microsoft.Extensions.Logging;

namespace Veil.WebRtc.Ice;

/// <summary>The shared ICE-lite port's lines (<see cref="IceLiteMux"/>).</summary>
internal static partial class IceLog
{
    /// <summary>
    /// Once per reason; the mux counts the packets (<see cref="IceLiteMux.Rejected"/>). Event id 2 is the one this line had
    /// in the server's WebRtcLog, whose category (veil.webrtc) it is still logged under.
    /// </summary>
    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "webrtc: dropping UDP packets: {Reason} (counted from now on)")]
    public static partial void DroppingPackets(ILogger logger, string reason);
}
