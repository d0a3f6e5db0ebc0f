namespace Veil.Violations.Outbox;

/// <summary>
/// An entry the sidecar refused as bad (a 4xx answer), set aside so it does not block the queue.
/// Its payload is kept for inspection; its attachments are not, to free their space.
/// </summary>
public sealed record OutboxDeadLetter(
    string Id,
    string Kind,
    string JsonPayload,
    DateTimeOffset CreatedAt,
    DateTimeOffset DeadLetteredAt,
    string Reason);
