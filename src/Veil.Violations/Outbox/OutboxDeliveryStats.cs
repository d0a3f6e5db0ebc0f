namespace Veil.Violations.Outbox;

/// <summary>
/// A snapshot of delivery for status pages and metrics. <see cref="Delivered"/> and
/// <see cref="DeadLettered"/> count since the deliverer started; <see cref="Pending"/> is the outbox's.
/// </summary>
public sealed record OutboxDeliveryStats(
    int Pending,
    long Delivered,
    long DeadLettered,
    int ConsecutiveFailures,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastSuccessAt);
