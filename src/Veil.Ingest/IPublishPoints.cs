namespace Veil.Ingest;

/// <summary>
/// What every ingest (RTMP, SRT, gRPC, WHIP) needs from the server: the push stream a publisher names,
/// its key checked (failures throttled per address), and a feed for the publisher's bytes. The
/// host implements it; the ingests know neither the stream class nor each other.
/// </summary>
public interface IPublishPoints
{
    /// <summary>Opens a publish, or says why not (the refusal kind maps to each protocol's own status).</summary>
    PublishOpening Open(PublishRequest request);

    /// <summary>Where a player that knocked on an ingest port can watch stream <paramref name="name"/> anonymized.</summary>
    string WhereToWatch(string name);
}
