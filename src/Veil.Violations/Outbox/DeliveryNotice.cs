namespace Veil.Violations.Outbox;

/// <summary>
/// What the deliverer reports for the host's log. <see cref="RetryIn"/> is set for
/// <see cref="DeliveryNoticeKind.Retrying"/>; <see cref="EntryId"/> when one entry is concerned.
/// </summary>
public sealed record DeliveryNotice(DeliveryNoticeKind Kind, string? EntryId, string Message, TimeSpan? RetryIn = null);
