namespace Veil.Violations.Outbox;

internal enum DeliveryVerdict
{
    /// <summary>2xx: the sidecar has the event.</summary>
    Accepted,

    /// <summary>A 4xx about the event itself: sending it again cannot succeed.</summary>
    Rejected,

    /// <summary>The sidecar is away, overloaded, or misconfigured: try the same entry again later.</summary>
    Retry,
}
