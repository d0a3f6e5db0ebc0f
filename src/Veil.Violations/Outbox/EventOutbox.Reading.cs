using Microsoft.Data.Sqlite;

namespace Veil.Violations.Outbox;

public sealed partial class EventOutbox
{
    /// <summary>Entries waiting for delivery.</summary>
    public int Pending => ReadTotals().Entries;

    /// <summary>Bytes the waiting entries occupy (payloads and attachments), counted against <see cref="OutboxLimits.MaxBytes"/>.</summary>
    public long PendingBytes => ReadTotals().Bytes;

    /// <summary>Entries set aside because the sidecar refused them.</summary>
    public int DeadLetterCount
    {
        get
        {
            lock (_readLock)
            {
                ThrowIfDisposed();
                return (int)OutboxSchema.Scalar<long>(_reader, "SELECT count(*) FROM dead_letters");
            }
        }
    }

    /// <summary>
    /// The oldest pending entries (by creation time, then enqueue order) with their attachments,
    /// at most <paramref name="max"/>, without removing them. False when nothing is pending.
    /// </summary>
    public bool TryPeekBatch(int max, out IReadOnlyList<OutboxEntry> batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var entries = new List<OutboxEntry>();
        lock (_readLock)
        {
            ThrowIfDisposed();
            // One read transaction: the entries and their attachments come from the same snapshot.
            using var transaction = _reader.BeginTransaction(deferred: true);
            using var command = Command(transaction,
                "SELECT seq, id, kind, payload, created_at FROM entries ORDER BY created_at, seq LIMIT $max");
            command.Parameters.AddWithValue("$max", max);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var attachments = ReadAttachments(transaction, reader.GetInt64(0));
                var createdAt = new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero);
                entries.Add(new OutboxEntry(reader.GetString(1), reader.GetString(2), reader.GetString(3), attachments, createdAt));
            }
        }
        batch = entries;
        return entries.Count > 0;
    }

    /// <summary>The most recent dead letters first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<OutboxDeadLetter> ListDeadLetters(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var letters = new List<OutboxDeadLetter>();
        lock (_readLock)
        {
            ThrowIfDisposed();
            using var command = _reader.CreateCommand();
            command.CommandText =
                "SELECT id, kind, payload, created_at, dead_at, reason FROM dead_letters ORDER BY dead_at DESC, id LIMIT $max";
            command.Parameters.AddWithValue("$max", max);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                letters.Add(new OutboxDeadLetter(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero), new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
                    reader.GetString(5)));
            }
        }
        return letters;
    }

    private (int Entries, long Bytes) ReadTotals()
    {
        lock (_readLock)
        {
            ThrowIfDisposed();
            using var command = _reader.CreateCommand();
            command.CommandText = "SELECT entries, bytes FROM totals WHERE singleton = 1";
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetInt32(0), reader.GetInt64(1));
        }
    }

    private static List<OutboxAttachment> ReadAttachments(SqliteTransaction transaction, long seq)
    {
        using var command = Command(transaction,
            "SELECT name, content_type, bytes FROM attachments WHERE entry_seq = $seq ORDER BY ordinal");
        command.Parameters.AddWithValue("$seq", seq);
        using var reader = command.ExecuteReader();
        var attachments = new List<OutboxAttachment>();
        while (reader.Read())
            attachments.Add(new OutboxAttachment(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2)));
        return attachments;
    }
}
