namespace Veil.Violations.Outbox;

/// <summary>
/// Thrown by <see cref="EventOutbox.Enqueue"/> when taking the entry would pass <see cref="OutboxLimits"/>.
/// Nothing already queued is lost; the caller counts or logs the refused event.
/// </summary>
public sealed class OutboxFullException : Exception
{
    public OutboxFullException(string entryId, long entryBytes, int pendingEntries, long pendingBytes, OutboxLimits limits)
        : base($"event outbox is full: it holds {pendingEntries} of {limits.MaxEntries} entries and {pendingBytes:N0} of " +
               $"{limits.MaxBytes:N0} bytes, so event {entryId} ({entryBytes:N0} bytes) is refused; the sidecar has not " +
               "acknowledged events fast enough (see the deliverer's last error), and queued events are kept, not dropped")
    {
        EntryId = entryId;
        EntryBytes = entryBytes;
        PendingEntries = pendingEntries;
        PendingBytes = pendingBytes;
        Limits = limits;
    }

    public string EntryId { get; }
    public long EntryBytes { get; }
    public int PendingEntries { get; }
    public long PendingBytes { get; }
    public OutboxLimits Limits { get; }
}
