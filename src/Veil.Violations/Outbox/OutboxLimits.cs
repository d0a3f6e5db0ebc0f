namespace Veil.Violations.Outbox;

/// <summary>
/// How much the outbox holds while the sidecar is away. When either limit would be passed, new entries
/// are refused with <see cref="OutboxFullException"/>; queued entries are never dropped to make room.
/// The defaults hold about a day of a busy city's events (a snapshot and a short clip each) on a 2 GB budget.
/// </summary>
public sealed record OutboxLimits(int MaxEntries = OutboxLimits.DefaultMaxEntries, long MaxBytes = OutboxLimits.DefaultMaxBytes)
{
    public const int DefaultMaxEntries = 10_000;
    public const long DefaultMaxBytes = 2L * 1024 * 1024 * 1024;

    public static OutboxLimits Default { get; } = new();

    internal void Validate()
    {
        if (MaxEntries < 1) throw new ArgumentOutOfRangeException(nameof(MaxEntries), MaxEntries, "the outbox must hold at least one entry");
        if (MaxBytes < 1) throw new ArgumentOutOfRangeException(nameof(MaxBytes), MaxBytes, "the outbox must hold at least one byte");
    }
}
