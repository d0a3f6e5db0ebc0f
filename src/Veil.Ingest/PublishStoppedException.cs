namespace Veil.Ingest;

/// <summary>A write to a feed whose stream no longer takes the publisher's bytes; carries why.</summary>
public sealed class PublishStoppedException(PublishStop stop) : Exception(stop.Reason)
{
    public PublishStop Stop { get; } = stop;
}
