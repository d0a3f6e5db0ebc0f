namespace Veil.Violations.Outbox;

/// <summary>One POST's result; <see cref="RetryAfter"/> carries a sidecar's Retry-After when it sent one.</summary>
internal readonly record struct DeliveryOutcome(DeliveryVerdict Verdict, string Detail, TimeSpan? RetryAfter = null);
