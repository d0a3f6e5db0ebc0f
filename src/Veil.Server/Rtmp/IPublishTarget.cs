using Veil.Media.Demux;

namespace Veil.Server.Rtmp;

/// <summary>A stream an RTMP publisher may feed, found by its key.</summary>
public interface IPublishTarget
{
    string Name { get; }

    /// <summary>Takes the publisher's feed; false with the reason when the stream cannot take one now.</summary>
    bool TryAttach(StreamFeed feed, out string reason);
}
