using System.Net;
using Veil.Ingest;
using Veil.Media.Demux;

namespace Veil.Server.Serve;

/// <summary>
/// One publisher's feed into a <see cref="LiveStream"/>: the ingest's side of the contract over the
/// <see cref="StreamFeed"/> the stream's demuxer reads. Knows whether its publisher is gone (it
/// finished, or has been silent for a while), which is when a new publisher may take over.
/// </summary>
internal sealed class PublisherFeed(LiveStream stream, StreamFeed feed, PublishRequest request) : IPublishFeed
{
    private readonly TaskCompletionSource<PublishStop> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Stream => stream.Name;
    public StreamFeed Input => feed;
    public string Protocol => request.Protocol;
    public IPAddress Peer => request.Peer;
    public Task<PublishStop> Stopped => _stopped.Task;
    public PublishStats Stats => stream.RunStats(this);

    /// <summary>The publisher finished, or has sent nothing for <paramref name="silence"/> (a half-open connection after a network change).</summary>
    public bool IsGone(TimeSpan silence) => feed.IsClosed || feed.SilentFor >= silence;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        try { await feed.WriteAsync(bytes, ct); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The pipeline lets go of its input a moment before the stream says why: wait for the why.
            await Task.WhenAny(_stopped.Task, Task.Delay(TimeSpan.FromSeconds(2), ct));
            throw StoppedError();
        }
        catch (FeedLimitException e) { throw OverBitrate(e); }
    }

    public bool TryWrite(ReadOnlySpan<byte> bytes)
    {
        try { return feed.TryWrite(bytes); }
        catch (OperationCanceledException) { throw StoppedError(); }
        catch (FeedLimitException e) { throw OverBitrate(e); }
    }

    public void Complete() => feed.Complete();

    /// <summary>The stream no longer takes this publisher's bytes: the feed's reader lets go, and the ingest learns why.</summary>
    public void Stop(PublishStop stop)
    {
        _stopped.TrySetResult(stop);
        feed.Abort();
    }

    private PublishStoppedException StoppedError() =>
        new(_stopped.Task.IsCompleted ? _stopped.Task.Result : new PublishStop(PublishStopKind.Unavailable, $"stream {Stream} stopped reading"));

    /// <summary>Over the ingest bitrate (the feed's meter): this publish ends, the stream waits for the next.</summary>
    private PublishStoppedException OverBitrate(FeedLimitException e)
    {
        var stop = new PublishStop(PublishStopKind.BadMedia, e.Message);
        stream.StopPublish(this, stop);
        return new PublishStoppedException(stop);
    }
}
