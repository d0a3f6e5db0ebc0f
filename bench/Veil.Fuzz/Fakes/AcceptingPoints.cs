using Veil.Ingest;

namespace Veil.Fuzz.Fakes;

/// <summary>Publish points that let every publisher in, into one <see cref="MemoryFeed"/>.</summary>
public sealed class AcceptingPoints(MemoryFeed feed) : IPublishPoints
{
    public PublishOpening Open(PublishRequest request) => PublishOpening.Accepted(feed);

    public string WhereToWatch(string name) => $"rtmp://relay.example/live/{name}";
}
