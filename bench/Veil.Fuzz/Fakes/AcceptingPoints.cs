using Veil.Ingest;

namespace Veil.Fuzz.Fakes;

/// <summary>Publish points that let every publisher in, into one <see cref="MemoryFeed"/>, and record what was asked.</summary>
public sealed class AcceptingPoints(MemoryFeed feed) : IPublishPoints
{
    public PublishRequest? Request { get; private set; }

    public PublishOpening Open(PublishRequest request)
    {
        Request = request;
        return PublishOpening.Accepted(feed);
    }

    public string WhereToWatch(string name) => $"rtmp://relay.example/live/{name}";
}
