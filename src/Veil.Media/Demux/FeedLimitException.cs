namespace Veil.Media.Demux;

/// <summary>A publisher sent more than the ingest bitrate limit into its <see cref="StreamFeed"/>.</summary>
public sealed class FeedLimitException(string message) : InvalidOperationException(message);
