using Microsoft.Data.Sqlite;

namespace Veil.Violations.Outbox;

/// <summary>
/// The outbox file's layout and connection settings. WAL lets the deliverer read while streams write;
/// synchronous=FULL fsyncs the WAL at every commit, so an entry whose Enqueue returned survives a
/// killed process and a power cut alike.
/// </summary>
internal static class OutboxSchema
{
    public const string FileName = "outbox.db";
    private const int Version = 1;

    // Freed pages go back to the file system once this much is free (after a backlog drains).
    public const long VacuumThresholdBytes = 64L * 1024 * 1024;

    public static SqliteConnection OpenConnection(string path)
    {
        // No pooling: Dispose must release the file at once (the caller may delete or move the directory).
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA synchronous = FULL;");
        return connection;
    }

    public static void Create(SqliteConnection connection, string path)
    {
        // auto_vacuum only takes effect before the first table exists, which is when it matters.
        Execute(connection, "PRAGMA auto_vacuum = INCREMENTAL;");
        var mode = Scalar<string>(connection, "PRAGMA journal_mode = WAL;");
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                $"the event outbox at {path} cannot use SQLite's write-ahead log (journal mode stays \"{mode}\"); put it on a local file system");
        // The WAL shrinks back after a checkpoint instead of keeping the size of the largest backlog.
        Execute(connection, "PRAGMA journal_size_limit = 67108864;");

        var version = Scalar<long>(connection, "PRAGMA user_version;");
        if (version > Version)
            throw new InvalidOperationException(
                $"the event outbox at {path} has schema version {version}, newer than this Veil's {Version}; use the newer Veil or another directory");

        using var transaction = connection.BeginTransaction();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS entries (
                seq        INTEGER PRIMARY KEY AUTOINCREMENT,
                id         TEXT    NOT NULL UNIQUE,
                kind       TEXT    NOT NULL,
                payload    TEXT    NOT NULL,
                created_at INTEGER NOT NULL,
                size       INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS entries_by_creation ON entries (created_at, seq);
            CREATE TABLE IF NOT EXISTS attachments (
                entry_seq    INTEGER NOT NULL,
                ordinal      INTEGER NOT NULL,
                name         TEXT    NOT NULL,
                content_type TEXT    NOT NULL,
                bytes        BLOB    NOT NULL,
                PRIMARY KEY (entry_seq, ordinal)
            );
            CREATE TABLE IF NOT EXISTS dead_letters (
                id         TEXT    PRIMARY KEY,
                kind       TEXT    NOT NULL,
                payload    TEXT    NOT NULL,
                created_at INTEGER NOT NULL,
                dead_at    INTEGER NOT NULL,
                reason     TEXT    NOT NULL
            );
            -- Kept by triggers so the cap check at every enqueue reads one row instead of scanning the queue.
            CREATE TABLE IF NOT EXISTS totals (
                singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                entries   INTEGER NOT NULL,
                bytes     INTEGER NOT NULL
            );
            INSERT OR IGNORE INTO totals (singleton, entries, bytes) VALUES (1, 0, 0);
            CREATE TRIGGER IF NOT EXISTS entries_added AFTER INSERT ON entries BEGIN
                UPDATE totals SET entries = entries + 1, bytes = bytes + NEW.size WHERE singleton = 1;
            END;
            CREATE TRIGGER IF NOT EXISTS entries_removed AFTER DELETE ON entries BEGIN
                UPDATE totals SET entries = entries - 1, bytes = bytes - OLD.size WHERE singleton = 1;
            END;
            """, transaction);
        Execute(connection, $"PRAGMA user_version = {Version};", transaction);
        transaction.Commit();
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    public static T Scalar<T>(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
