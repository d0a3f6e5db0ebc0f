using Microsoft.Extensions.Logging;
using Veil.Ingest;
using Veil.Media;
using Veil.Media.Demux;

namespace Veil.Server.Serve;

/// <summary>
/// A push stream's publishers: one at a time, each feeding one run. A new publisher with the key
/// takes the stream over from one that is gone (disconnected, or silent for
/// <see cref="GoneAfterSilence"/>), within a second, instead of waiting for the old run to drain
/// its backlog (Veil:PublisherTakeover, on by default); a publisher that is still sending keeps it.
/// </summary>
internal sealed partial class LiveStream
{
    /// <summary>A publisher silent this long is gone: its connection may be half-open after a network change.</summary>
    public static readonly TimeSpan GoneAfterSilence = TimeSpan.FromSeconds(2);

    private readonly object _publishGate = new();
    private readonly SemaphoreSlim _publisherArrived = new(0);
    private PublisherFeed? _running, _next;
    private CancellationTokenSource? _runStop;

    /// <summary>Opens a publish of this stream for <paramref name="request"/>, or says why it cannot take one now.</summary>
    public PublishOpening Attach(PublishRequest request)
    {
        var feed = new PublisherFeed(this, new StreamFeed
        {
            Format = request.Format,
            DemuxerOptions = request.Options,
            // Raw frames are bounded by the resolution limit and their frame rate instead.
            MaxBytesPerSecond = request.IsRaw ? 0 : _limits.MaxBitrateKbps * 1000L / 8,
        }, request);
        lock (_publishGate)
        {
            if (_stop.IsCancellationRequested) return PublishOpening.Refused(PublishRefusal.Unavailable, $"stream {Name} is stopping");
            var current = _next ?? _running;
            if (current is not null)
            {
                if (!_limits.PublisherTakeover || !current.IsGone(GoneAfterSilence))
                    return PublishOpening.Refused(PublishRefusal.Busy, $"stream {Name} already has a publisher ({current.Protocol} from {current.Peer}, still sending)");
                string why = $"a new publisher ({request.Protocol} from {request.Peer}) took stream {Name} over";
                StreamLog.TakenOver(_log, Name, why, current.Protocol, current.Peer);
                StopLocked(current, new PublishStop(PublishStopKind.TakenOver, why));
            }
            _next = feed;
        }
        _publisherArrived.Release();
        return PublishOpening.Accepted(feed);
    }

    /// <summary>Ends <paramref name="feed"/>'s publish (its run, or its wait for one) with <paramref name="stop"/>.</summary>
    public void StopPublish(PublisherFeed feed, PublishStop stop)
    {
        lock (_publishGate) StopLocked(feed, stop);
    }

    private void StopLocked(PublisherFeed feed, PublishStop stop)
    {
        feed.Stop(stop);
        if (feed == _next) _next = null;
        else if (feed == _running) _runStop?.Cancel();
    }

    /// <summary>This publisher's own run's figures, zero when its run has not started or is over.</summary>
    public PublishStats RunStats(PublisherFeed feed)
    {
        if (feed != _running || _pipeline is not { } pipeline) return default;
        return new PublishStats(Interlocked.Read(ref _framesNow), Fps, pipeline.Latency.Count > 0 ? pipeline.Latency.PercentileMs(0.95) : 0,
            _processors?.ObscuredFrames ?? 0, pipeline.FramesShed);
    }

    /// <summary>One run per publisher: the stream waits, runs while the publisher sends, and waits again.</summary>
    private async Task RunPushAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            State = StreamState.Waiting;
            try { await _publisherArrived.WaitAsync(_stop.Token); }
            catch (OperationCanceledException) { break; }
            PublisherFeed feed;
            CancellationTokenSource runStop;
            lock (_publishGate)
            {
                if (_next is null) continue; // taken over before it ran
                (_running, feed, _next) = (_next, _next, null);
                _runStop = runStop = new CancellationTokenSource();
            }
            Attempts++;
            RaisePublished(new Dictionary<string, object?> { ["protocol"] = feed.Protocol, ["peer"] = feed.Peer.ToString() });
            var stop = new PublishStop(PublishStopKind.Finished, "the publish ended");
            string? failure = null;
            try
            {
                await RunOnceAsync(feed.Input, runStop.Token);
                StreamLog.PublishEnded(_log, Spec.Name, Interlocked.Read(ref _framesNow));
                stop = stop with { Reason = $"the publish ended after {Interlocked.Read(ref _framesNow)} frames" };
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                stop = new PublishStop(PublishStopKind.Unavailable, $"stream {Name} is stopping");
            }
            catch (Exception) when (runStop.IsCancellationRequested)
            {
                // Taken over, or stopped over a limit: the feed already holds why (and its aborted input may fail any way).
            }
            catch (Exception e)
            {
                LastError = failure = e.Message;
                StreamLog.Problem(_log, Spec.Name, e.Message);
                stop = new PublishStop(e is MediaException { Stalled: false } ? PublishStopKind.BadMedia : PublishStopKind.Unavailable, e.Message);
            }
            finally
            {
                // The first stop given wins (below): a takeover's or a limit's reason, given while the run went on, is the run's.
                var ending = feed.Stopped.IsCompleted ? feed.Stopped.Result : stop;
                failure ??= ending.Kind == PublishStopKind.BadMedia ? ending.Reason : null;
                if (failure is not null) RaiseFailed(failure);
                EndRun(ending.Reason);
                lock (_publishGate)
                {
                    _running = null;
                    _runStop = null;
                }
                feed.Stop(stop); // the first stop given wins: a takeover's reason stays
                runStop.Dispose();
            }
        }
        lock (_publishGate)
        {
            _next?.Stop(new PublishStop(PublishStopKind.Unavailable, $"stream {Name} is stopping"));
            _next = null;
        }
        State = StreamState.Stopped;
    }
}
