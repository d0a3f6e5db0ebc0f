namespace Veil.Violations.Outbox;

public sealed partial class OutboxDeliverer
{
    private void Succeeded(string id, string detail)
    {
        int failuresBefore;
        lock (_statsLock)
        {
            failuresBefore = _consecutiveFailures;
            _consecutiveFailures = 0;
            _delivered++;
            _lastSuccessAt = DateTimeOffset.UtcNow;
        }
        if (failuresBefore > 0)
            Notify(new DeliveryNotice(DeliveryNoticeKind.Recovered, id, $"the sidecar takes events again after {failuresBefore} failed attempt(s)"));
        Notify(new DeliveryNotice(DeliveryNoticeKind.Delivered, id, $"event {id} delivered ({detail})"));
    }

    private void DeadLettered(string id, string reason)
    {
        lock (_statsLock)
        {
            _deadLettered++;
            // The sidecar answered, so it is reachable: a refused event is not a delivery failure.
            _consecutiveFailures = 0;
            _lastError = $"event {id} dead-lettered: {reason}";
            _lastErrorAt = DateTimeOffset.UtcNow;
        }
        Notify(new DeliveryNotice(DeliveryNoticeKind.DeadLettered, id, $"event {id} moved to the dead letters: {reason}"));
    }

    private TimeSpan Failed(string? id, string reason, TimeSpan? retryAfter)
    {
        int failures;
        lock (_statsLock)
        {
            failures = ++_consecutiveFailures;
            _lastError = reason;
            _lastErrorAt = DateTimeOffset.UtcNow;
        }
        var delay = _backoff.Delay(failures);
        // A sidecar asking for a longer pause gets it, within the configured maximum.
        if (retryAfter is { } asked && asked > delay) delay = asked < _options.MaxBackoff ? asked : _options.MaxBackoff;
        var subject = id is null ? "delivery" : $"event {id}";
        Notify(new DeliveryNotice(DeliveryNoticeKind.Retrying, id,
            $"{subject} failed (attempt {failures}): {reason}; retrying in {delay.TotalSeconds:0.0} s", delay));
        return delay;
    }

    private void Notify(DeliveryNotice notice)
    {
        try
        {
            _onNotice?.Invoke(notice);
        }
        catch (Exception)
        {
            // A failing log sink must not stop delivery; the stats still carry the state.
        }
    }
}
