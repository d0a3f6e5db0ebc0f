namespace Veil.Ingest;

/// <summary>Why a stream stopped taking a publisher's bytes.</summary>
public sealed record PublishStop(PublishStopKind Kind, string Reason);

public enum PublishStopKind
{
    /// <summary>The publish ended and the stream finished it.</summary>
    Finished,

    /// <summary>What the publisher sends cannot be used (corrupt, over a limit).</summary>
    BadMedia,

    /// <summary>A new publisher with the key took the stream over.</summary>
    TakenOver,

    /// <summary>The stream's pipeline failed, or the stream or server is stopping.</summary>
    Unavailable,
}
