namespace Veil.Violations.Outbox;

public enum DeliveryNoticeKind
{
    /// <summary>The sidecar acknowledged an entry (stored now or earlier).</summary>
    Delivered,

    /// <summary>An attempt failed (sidecar down, 5xx, timeout, refused token); the entry is retried after a pause.</summary>
    Retrying,

    /// <summary>The sidecar refused an entry as bad; it was moved to the dead letters and the queue goes on.</summary>
    DeadLettered,

    /// <summary>Delivery works again after one or more failed attempts.</summary>
    Recovered,
}
