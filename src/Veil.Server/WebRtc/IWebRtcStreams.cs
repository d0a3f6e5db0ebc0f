using Veil.Server.Serve;

namespace Veil.Server.WebRtc;

/// <summary>What WHEP needs from the server's streams (WHIP publishes through the ingest contract).</summary>
internal interface IWebRtcStreams
{
    /// <summary>Where viewers of stream <paramref name="name"/> attach; null when there is no such stream.</summary>
    EncodedVideoFanout? FindViewers(string name);
}
