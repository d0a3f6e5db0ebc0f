using Microsoft.Data.Sqlite;

namespace Veil.Violations.Outbox;

public sealed partial class EventOutbox
{
    /// <summary>
    /// Stores the entry durably: when this returns true, the entry survives the process being killed.
    /// Returns false, storing nothing, when an entry with this id is already queued or dead-lettered
    /// (once delivered, an id is forgotten; the sidecar's own dedupe by id covers a late repeat).
    /// </summary>
    /// <exception cref="ArgumentException">The entry is malformed (id, payload, attachments).</exception>
    /// <exception cref="OutboxFullException">Taking it would pass <see cref="Limits"/>.</exception>
    public bool Enqueue(OutboxEntry entry)
    {
        var size = OutboxEntryValidator.ValidateAndMeasure(entry);
        lock (_writeLock)
        {
            ThrowIfDisposed();
            using var transaction = _writer.BeginTransaction(); // BEGIN IMMEDIATE: the write lock is ours from here
            if (IsKnown(transaction, entry.Id)) return false;
            var (entries, bytes) = ReadTotals(transaction);
            if (entries + 1 > Limits.MaxEntries || bytes + size > Limits.MaxBytes)
            {
                Interlocked.Increment(ref _refused);
                throw new OutboxFullException(entry.Id, size, entries, bytes, Limits);
            }
            var seq = InsertEntry(transaction, entry, size);
            InsertAttachments(transaction, seq, entry.Attachments);
            transaction.Commit();
        }
        Signal();
        return true;
    }

    /// <summary>Removes acknowledged entries with their attachments. Returns how many were queued.</summary>
    public int MarkDelivered(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var removed = 0;
        lock (_writeLock)
        {
            ThrowIfDisposed();
            using var transaction = _writer.BeginTransaction();
            foreach (var id in ids) removed += Remove(transaction, id);
            transaction.Commit();
            VacuumIfMuchIsFree();
        }
        return removed;
    }

    /// <summary>
    /// Moves a queued entry to the dead letters with the reason, dropping its attachments.
    /// Returns false when no entry with this id is queued.
    /// </summary>
    public bool DeadLetter(string id, string reason)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        lock (_writeLock)
        {
            ThrowIfDisposed();
            using var transaction = _writer.BeginTransaction();
            using var copy = Command(transaction, """
                INSERT INTO dead_letters (id, kind, payload, created_at, dead_at, reason)
                SELECT id, kind, payload, created_at, $deadAt, $reason FROM entries WHERE id = $id
                """);
            copy.Parameters.AddWithValue("$id", id);
            copy.Parameters.AddWithValue("$deadAt", DateTimeOffset.UtcNow.UtcTicks);
            copy.Parameters.AddWithValue("$reason", reason);
            if (copy.ExecuteNonQuery() == 0) return false;
            Remove(transaction, id);
            transaction.Commit();
            VacuumIfMuchIsFree();
        }
        return true;
    }

    private static bool IsKnown(SqliteTransaction transaction, string id)
    {
        using var command = Command(transaction,
            "SELECT EXISTS (SELECT 1 FROM entries WHERE id = $id) OR EXISTS (SELECT 1 FROM dead_letters WHERE id = $id)");
        command.Parameters.AddWithValue("$id", id);
        return Convert.ToInt64(command.ExecuteScalar()) != 0;
    }

    private static (int Entries, long Bytes) ReadTotals(SqliteTransaction transaction)
    {
        using var command = Command(transaction, "SELECT entries, bytes FROM totals WHERE singleton = 1");
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt64(1));
    }

    private static long InsertEntry(SqliteTransaction transaction, OutboxEntry entry, long size)
    {
        using var command = Command(transaction, """
            INSERT INTO entries (id, kind, payload, created_at, size) VALUES ($id, $kind, $payload, $createdAt, $size)
            RETURNING seq
            """);
        command.Parameters.AddWithValue("$id", entry.Id);
        command.Parameters.AddWithValue("$kind", entry.Kind);
        command.Parameters.AddWithValue("$payload", entry.JsonPayload);
        command.Parameters.AddWithValue("$createdAt", entry.CreatedAt.UtcTicks);
        command.Parameters.AddWithValue("$size", size);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static void InsertAttachments(SqliteTransaction transaction, long seq, IReadOnlyList<OutboxAttachment> attachments)
    {
        using var command = Command(transaction, """
            INSERT INTO attachments (entry_seq, ordinal, name, content_type, bytes) VALUES ($seq, $ordinal, $name, $contentType, $bytes)
            """);
        var ordinal = command.Parameters.Add("$ordinal", SqliteType.Integer);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var contentType = command.Parameters.Add("$contentType", SqliteType.Text);
        var bytes = command.Parameters.Add("$bytes", SqliteType.Blob);
        command.Parameters.AddWithValue("$seq", seq);
        for (var i = 0; i < attachments.Count; i++)
        {
            ordinal.Value = i;
            name.Value = attachments[i].Name;
            contentType.Value = attachments[i].ContentType;
            bytes.Value = attachments[i].Bytes;
            command.ExecuteNonQuery();
        }
    }

    private static int Remove(SqliteTransaction transaction, string id)
    {
        using var attachments = Command(transaction, "DELETE FROM attachments WHERE entry_seq = (SELECT seq FROM entries WHERE id = $id)");
        attachments.Parameters.AddWithValue("$id", id);
        attachments.ExecuteNonQuery();
        using var entry = Command(transaction, "DELETE FROM entries WHERE id = $id");
        entry.Parameters.AddWithValue("$id", id);
        return entry.ExecuteNonQuery();
    }

    private void VacuumIfMuchIsFree()
    {
        var free = OutboxSchema.Scalar<long>(_writer, "PRAGMA freelist_count;") * OutboxSchema.Scalar<long>(_writer, "PRAGMA page_size;");
        if (free >= OutboxSchema.VacuumThresholdBytes) OutboxSchema.Execute(_writer, "PRAGMA incremental_vacuum;");
    }
}
