namespace Veil.Violations.Outbox;

/// <summary>
/// The background loop that empties an <see cref="EventOutbox"/> into the sidecar, at least once per
/// entry, oldest first. A 2xx removes the entry; a 4xx about the entry dead-letters it so the queue
/// goes on; anything else (sidecar down, 5xx, 408/429, timeout, refused token) retries the same entry
/// after an exponential pause, so later entries never overtake it. The loop never throws; it reports
/// through <see cref="Stats"/> and the notice callback.
/// </summary>
public sealed partial class OutboxDeliverer : IAsyncDisposable
{
    private readonly EventOutbox _outbox;
    private readonly OutboxDeliveryOptions _options;
    private readonly Action<DeliveryNotice>? _onNotice;
    private readonly EventPoster _poster;
    private readonly RetryBackoff _backoff;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _statsLock = new();
    private Task _loop = Task.CompletedTask;
    private long _delivered;
    private long _deadLettered;
    private int _consecutiveFailures;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private DateTimeOffset? _lastSuccessAt;
    private int _disposed;

    private OutboxDeliverer(EventOutbox outbox, OutboxDeliveryOptions options, Action<DeliveryNotice>? onNotice)
    {
        _outbox = outbox;
        _options = options;
        _onNotice = onNotice;
        _poster = new EventPoster(options);
        _backoff = new RetryBackoff(options.InitialBackoff, options.MaxBackoff);
    }

    /// <summary>
    /// Starts delivering in the background. <paramref name="onNotice"/> is called from the loop (keep it
    /// quick, e.g. a log line); an exception it throws is ignored. The outbox stays the caller's to dispose,
    /// after this deliverer.
    /// </summary>
    public static OutboxDeliverer Start(EventOutbox outbox, OutboxDeliveryOptions options, Action<DeliveryNotice>? onNotice = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var deliverer = new OutboxDeliverer(outbox, options, onNotice);
        deliverer._loop = Task.Run(() => deliverer.RunAsync(deliverer._stop.Token));
        return deliverer;
    }

    public OutboxDeliveryStats Stats
    {
        get
        {
            var pending = _outbox.Pending;
            lock (_statsLock)
                return new OutboxDeliveryStats(pending, _delivered, _deadLettered, _consecutiveFailures, _lastError, _lastErrorAt, _lastSuccessAt);
        }
    }

    /// <summary>Stops the loop, abandoning an attempt in flight (its entry stays queued and is sent again next time).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _poster.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan? pause;
            try
            {
                pause = await DeliverNextBatchAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The outbox itself failed (disk full, I/O error): nothing was lost, so wait and try again.
                pause = Failed(null, $"the outbox could not be read or updated: {e.Message}", null);
            }
            if (pause is not { } delay) continue;
            try
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends the oldest pending entries; returns the pause to take before trying again, if an attempt failed.</summary>
    private async Task<TimeSpan?> DeliverNextBatchAsync(CancellationToken cancellationToken)
    {
        var enqueued = _outbox.EnqueuedSignal; // read before peeking, so an entry enqueued meanwhile wakes us
        if (!_outbox.TryPeekBatch(_options.BatchSize, out var batch))
        {
            await Task.WhenAny(enqueued, Task.Delay(_options.IdlePoll, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }

        var delivered = new List<string>(batch.Count);
        try
        {
            foreach (var entry in batch)
            {
                var outcome = await _poster.PostAsync(entry, cancellationToken).ConfigureAwait(false);
                switch (outcome.Verdict)
                {
                    case DeliveryVerdict.Accepted:
                        delivered.Add(entry.Id);
                        Succeeded(entry.Id, outcome.Detail);
                        break;
                    case DeliveryVerdict.Rejected:
                        _outbox.DeadLetter(entry.Id, outcome.Detail);
                        DeadLettered(entry.Id, outcome.Detail);
                        break;
                    default:
                        return Failed(entry.Id, outcome.Detail, outcome.RetryAfter);
                }
            }
            return null;
        }
        finally
        {
            // One commit for the batch; a crash before it only means these are sent once more.
            if (delivered.Count > 0) _outbox.MarkDelivered(delivered);
        }
    }
}
