using Veil.Media.Demux;

namespace Veil.Server.Rtmp;

/// <summary>A stream an RTMP publisher may feed, found by its key.</summary>
public interface IPublishTarget
{
    string Name { get; }

    /// <summary>A feed for a publisher of this stream, read with the given demuxer and metered against the stream's limits.</summary>
    StreamFeed NewFeed(string format = "flv", IReadOnlyDictionary<string, string>? options = null);

    /// <summary>Takes the publisher's feed; false with the reason when the stream cannot take one now.</summary>
    bool TryAttach(StreamFeed feed, out string reason);
}
