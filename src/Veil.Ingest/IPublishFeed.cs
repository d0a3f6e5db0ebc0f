namespace Veil.Ingest;

/// <summary>
/// One publisher's way into its stream: the bytes it sends (in the format it announced), the end of
/// its publish, and the stream's answer when it stops taking them (a failure, a new publisher that
/// took over, the server stopping). Writes are awaited, never blocking a thread.
/// </summary>
public interface IPublishFeed
{
    /// <summary>The stream's name.</summary>
    string Stream { get; }

    /// <summary>Copies the bytes in, awaiting room while the stream is behind; throws <see cref="PublishStoppedException"/> once it stopped taking them.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct);

    /// <summary>Copies the bytes in unless the stream is behind (a live source that cannot wait); false when dropped.</summary>
    bool TryWrite(ReadOnlySpan<byte> bytes);

    /// <summary>The publisher finished or went away: the stream ends what it has.</summary>
    void Complete();

    /// <summary>Completes when the stream stops taking this publisher's bytes, with why.</summary>
    Task<PublishStop> Stopped { get; }

    /// <summary>This publish session's own figures (not the stream's totals over earlier sessions).</summary>
    PublishStats Stats { get; }
}
