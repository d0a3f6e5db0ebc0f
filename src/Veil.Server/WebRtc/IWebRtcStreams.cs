using Veil.Server.Rtmp;
using Veil.Server.Serve;

namespace Veil.Server.WebRtc;

/// <summary>What WHIP and WHEP need from the server's streams.</summary>
internal interface IWebRtcStreams
{
    /// <summary>The push stream <paramref name="name"/> when <paramref name="key"/> is its key; null with the HTTP status and reason otherwise.</summary>
    IPublishTarget? FindPublishTarget(string name, string key, out int status, out string reason);

    /// <summary>Where viewers of stream <paramref name="name"/> attach; null when there is no such stream.</summary>
    EncodedVideoFanout? FindViewers(string name);
}
