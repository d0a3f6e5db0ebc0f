using System.Data;
using System.Data.Common;
using Dapper;

namespace Veil.Sidecar.Store;

/// <summary>
/// The SQL both engines share (Dapper, @-parameters, INSERT ... ON CONFLICT). The engine classes
/// supply connections, transactions, the migration lock and the column types.
/// </summary>
public abstract partial class SqlEventStore : IEventStore
{
    public abstract string Engine { get; }

    /// <summary>Placeholder → column type for <see cref="SchemaMigration.SqlFor"/>.</summary>
    private protected abstract IReadOnlyDictionary<string, string> ColumnTypes { get; }

    private protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that will write: on SQLite it takes the write lock at once (BEGIN IMMEDIATE), so it never fails upgrading later.</summary>
    private protected abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A read-only transaction that sees one snapshot across several queries.</summary>
    private protected abstract ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Called first inside the migration transaction: keeps two sidecars from migrating one database at once.</summary>
    /// <summary>Events per INSERT statement in an import: a round trip per statement on a server, while an in-process engine may bind names slowly.</summary>
    private protected abstract int ImportRowsPerStatement { get; }

    private protected abstract Task LockMigrationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    public virtual async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        await LockMigrationsAsync(connection, tx, cancellationToken);
        await Exec(connection, tx, $"CREATE TABLE IF NOT EXISTS schema_migrations (version {ColumnTypes["int"]} NOT NULL PRIMARY KEY, "
            + $"name {ColumnTypes["text"]} NOT NULL, applied_at {ColumnTypes["int"]} NOT NULL)", null, cancellationToken);
        var applied = (await connection.QueryAsync<long>(new CommandDefinition("SELECT version FROM schema_migrations", transaction: tx,
            cancellationToken: cancellationToken))).ToHashSet();
        var known = SchemaMigrations.All.Max(m => m.Version);
        if (applied.Count > 0 && applied.Max() > known)
            throw new InvalidOperationException($"the database's schema is at version {applied.Max()}, newer than this sidecar knows ({known}): run a newer sidecar");
        foreach (var migration in SchemaMigrations.All.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            await Exec(connection, tx, migration.SqlFor(ColumnTypes), null, cancellationToken);
            await Exec(connection, tx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { Version = (long)migration.Version, migration.Name, At = UnixTime.NowMs() }, cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<InsertResult> InsertAsync(EventRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (await Exec(connection, null, EventRow.Insert, EventRow.From(record), cancellationToken) == 1) return InsertResult.Created;
        // Events are never removed (deleting one moves it to the recycle bin), so the row that took the id is there.
        var stored = (await GetRowAsync(connection, null, record.Id, cancellationToken))!;
        var differences = DeliveredContent.Differences(stored.ToRecord(), await DeliveredKindAsync(connection, stored, cancellationToken), record);
        return differences.Count == 0 ? InsertResult.Duplicate : new InsertResult(InsertOutcome.Conflict, differences);
    }

    /// <summary>The kind the event was delivered with: the one before its first edit of the kind, if a reviewer changed it.</summary>
    private static async Task<string> DeliveredKindAsync(DbConnection connection, EventRow stored, CancellationToken cancellationToken)
    {
        var edits = await connection.QueryAsync<string?>(new CommandDefinition(
            "SELECT before FROM audit_log WHERE event_id = @Id AND action = 'edit' ORDER BY id", new { stored.Id }, cancellationToken: cancellationToken));
        foreach (var before in edits)
        {
            if (before is null) continue;
            using var changed = System.Text.Json.JsonDocument.Parse(before);
            if (changed.RootElement.TryGetProperty("kind", out var kind) && kind.GetString() is { } delivered) return delivered;
        }
        return stored.Kind;
    }

    public async Task<(int Created, int Duplicates)> ImportAsync(IReadOnlyList<EventRecord> records, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        var created = 0;
        var at = UnixTime.NowMs();
        foreach (var slice in records.Chunk(ImportRowsPerStatement))
        {
            var rows = slice.Select(EventRow.From).ToList();
            var (insert, values) = ImportBatch.Events(rows);
            var inserted = (await connection.QueryAsync<string>(new CommandDefinition(insert, values, tx, cancellationToken: cancellationToken))).ToHashSet();
            if (inserted.Count == 0) continue;
            // The first row of an id in the slice is the one stored.
            var audited = rows.Where(r => inserted.Remove(r.Id)).Select(r => (r.Id, r.Status)).ToList();
            var (audit, auditValues) = ImportBatch.Audit(audited, actor, at, AuditJson);
            await Exec(connection, tx, audit, auditValues, cancellationToken);
            created += audited.Count;
        }
        await tx.CommitAsync(cancellationToken);
        return (created, records.Count - created);
    }

    public async Task<EventRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return (await GetRowAsync(connection, null, id, cancellationToken))?.ToRecord();
    }

    public async Task<IReadOnlyList<Camera>> CamerasAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var cameras = await connection.QueryAsync<Camera>(new CommandDefinition(
            "SELECT name AS Name, address AS Address, model AS Model, latitude AS Latitude, longitude AS Longitude FROM cameras",
            cancellationToken: cancellationToken));
        return cameras.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    public async Task PutCameraAsync(Camera camera, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        var before = await connection.QuerySingleOrDefaultAsync<Camera>(new CommandDefinition(
            "SELECT name AS Name, address AS Address, model AS Model, latitude AS Latitude, longitude AS Longitude FROM cameras WHERE name = @Name",
            new { camera.Name }, tx, cancellationToken: cancellationToken));
        await Exec(connection, tx, "INSERT INTO cameras (name, address, model, latitude, longitude) VALUES (@Name, @Address, @Model, @Latitude, @Longitude) "
            + "ON CONFLICT (name) DO UPDATE SET address = excluded.address, model = excluded.model, latitude = excluded.latitude, longitude = excluded.longitude",
            camera, cancellationToken);
        await AuditAsync(connection, tx, actor, null, "camera", before, camera, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<bool> IsPublicMediaAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM events WHERE status = 'approved' AND (snapshot_sha256 = @Sha OR clip_sha256 = @Sha)",
            new { Sha = sha256 }, cancellationToken: cancellationToken)) > 0;
    }

    private static async Task<EventRow?> GetRowAsync(DbConnection connection, DbTransaction? tx, string id, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(
            $"SELECT {EventRow.Columns} FROM events e WHERE e.id = @Id", new { Id = id }, tx, cancellationToken: cancellationToken));

    private static Task<int> Exec(DbConnection connection, DbTransaction? tx, string sql, object? parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: cancellationToken));
}
