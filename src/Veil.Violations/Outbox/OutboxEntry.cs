namespace Veil.Violations.Outbox;

/// <summary>
/// One event waiting for the sidecar. <see cref="JsonPayload"/> is the event record serialized by the
/// caller, opaque to the outbox except that it must be a JSON object whose <c>"id"</c> equals
/// <see cref="Id"/> (the sidecar dedupes by that id). Entries are delivered in <see cref="CreatedAt"/> order.
/// </summary>
public sealed record OutboxEntry(
    string Id,
    string Kind,
    string JsonPayload,
    IReadOnlyList<OutboxAttachment> Attachments,
    DateTimeOffset CreatedAt);
