using Microsoft.Data.Sqlite;

namespace Veil.Violations.Outbox;

/// <summary>
/// The stream server's durable queue of violation events bound for the sidecar: one SQLite file in a
/// directory the server owns. <see cref="Enqueue"/> returns once the entry is on disk; an
/// <see cref="OutboxDeliverer"/> sends entries and removes them when the sidecar acknowledges them.
/// </summary>
/// <remarks>
/// Attachments are blobs in the same file, written in the entry's transaction: an entry and its media
/// become durable in one commit (one WAL fsync), so a crash never leaves an entry without its snapshot
/// or a media file without its entry, and there is nothing to sweep at start. Content-addressed files
/// would only pay off for media shared between events, which anonymized snapshots never are.
/// Safe for several threads: writes are serialized on one connection, reads use a second one, and WAL
/// lets them run side by side.
/// </remarks>
public sealed partial class EventOutbox : IDisposable
{
    private readonly SqliteConnection _writer;
    private readonly SqliteConnection _reader;
    private readonly Lock _writeLock = new();
    private readonly Lock _readLock = new();
    private TaskCompletionSource _enqueued = NewSignal();
    private long _refused;
    private bool _disposed;

    private EventOutbox(string directory, OutboxLimits limits, SqliteConnection writer, SqliteConnection reader)
    {
        DirectoryPath = directory;
        Limits = limits;
        _writer = writer;
        _reader = reader;
    }

    /// <summary>The directory holding <c>outbox.db</c> and its WAL files.</summary>
    public string DirectoryPath { get; }

    public OutboxLimits Limits { get; }

    /// <summary>Entries refused because the outbox was full, since this instance was opened.</summary>
    public long RefusedCount => Interlocked.Read(ref _refused);

    /// <summary>Creates the directory and the store if needed, or opens the existing one with what it holds.</summary>
    public static EventOutbox Open(string directory, OutboxLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        limits ??= OutboxLimits.Default;
        limits.Validate();
        var fullDirectory = Path.GetFullPath(directory);
        Directory.CreateDirectory(fullDirectory);
        var path = Path.Combine(fullDirectory, OutboxSchema.FileName);

        var writer = OutboxSchema.OpenConnection(path);
        SqliteConnection? reader = null;
        try
        {
            OutboxSchema.Create(writer, path);
            reader = OutboxSchema.OpenConnection(path);
            return new EventOutbox(fullDirectory, limits, writer, reader);
        }
        catch
        {
            reader?.Dispose();
            writer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Completes at the next successful <see cref="Enqueue"/> after it was read. Read it before
    /// looking for pending entries, so an entry enqueued in between is not missed.
    /// </summary>
    internal Task EnqueuedSignal => Volatile.Read(ref _enqueued).Task;

    /// <summary>Closes the file. Stop the deliverer first: it must not use a disposed outbox.</summary>
    public void Dispose()
    {
        lock (_writeLock)
        lock (_readLock)
        {
            if (_disposed) return;
            _disposed = true;
            _reader.Dispose();
            _writer.Dispose();
        }
    }

    private void Signal() => Interlocked.Exchange(ref _enqueued, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
