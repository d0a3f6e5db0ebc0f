using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Veil.Bench.Sidecar;

/// <summary>
/// Fills the events table straight through the engine (not the API) for the big-store latencies:
/// SQLite in one transaction with one prepared INSERT, PostgreSQL with binary COPY; then ANALYZE,
/// as a store that has grown in service would have its planner statistics.
/// </summary>
internal static class SidecarBulkFill
{
    private const string ColumnList = "id, camera, kind, occurred_at, duration_ms, track_ids, pixel_x, pixel_y, latitude, longitude, "
        + "confidence, details, snapshot_sha256, clip_sha256, status, note, created_at, updated_at";

    /// <summary>Adds rows <paramref name="first"/> to <paramref name="total"/> - 1 (ids "bulk-N"), their times spread over <paramref name="total"/>.</summary>
    public static async Task FillAsync(string database, long first, long total, CancellationToken ct)
    {
        if (first >= total) return;
        if (database.StartsWith("sqlite:", StringComparison.Ordinal)) await SqliteAsync(database["sqlite:".Length..], first, total, ct);
        else await PostgresAsync(database["postgres:".Length..], first, total, ct);
    }

    private static async Task SqliteAsync(string path, long first, long total, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await using (var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct))
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            var names = ColumnList.Split(", ");
            insert.CommandText = $"INSERT INTO events ({ColumnList}) VALUES ({string.Join(", ", names.Select(n => "$" + n))})";
            var p = names.ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter("$" + n, null)));
            insert.Prepare();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var i = first; i < total; i++)
            {
                var position = SyntheticEvents.Position(i);
                p["id"].Value = $"bulk-{i:D8}";
                p["camera"].Value = SyntheticEvents.Camera(i);
                p["kind"].Value = SyntheticEvents.Kind(i);
                p["occurred_at"].Value = SyntheticEvents.Time(i, total).ToUnixTimeMilliseconds();
                p["duration_ms"].Value = SyntheticEvents.DurationMs;
                p["track_ids"].Value = SyntheticEvents.TrackId(i).ToString();
                p["pixel_x"].Value = SyntheticEvents.Pixel.X;
                p["pixel_y"].Value = SyntheticEvents.Pixel.Y;
                p["latitude"].Value = position is { } a ? a.Lat : DBNull.Value;
                p["longitude"].Value = position is { } b ? b.Lon : DBNull.Value;
                p["confidence"].Value = SyntheticEvents.Confidence(i);
                p["details"].Value = SyntheticEvents.Details(i).GetRawText();
                p["snapshot_sha256"].Value = DBNull.Value;
                p["clip_sha256"].Value = DBNull.Value;
                p["status"].Value = SyntheticEvents.Status(i);
                p["note"].Value = DBNull.Value;
                p["created_at"].Value = now;
                p["updated_at"].Value = now;
                await insert.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        await using var analyze = new SqliteCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync(ct);
    }

    private static async Task PostgresAsync(string connectionString, long first, long total, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY events ({ColumnList}) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = first; i < total; i++)
            {
                var position = SyntheticEvents.Position(i);
                await copy.StartRowAsync(ct);
                await copy.WriteAsync($"bulk-{i:D8}", NpgsqlDbType.Text, ct);
                await copy.WriteAsync(SyntheticEvents.Camera(i), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(SyntheticEvents.Kind(i), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(SyntheticEvents.Time(i, total).ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(SyntheticEvents.DurationMs, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(SyntheticEvents.TrackId(i).ToString(), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(SyntheticEvents.Pixel.X, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(SyntheticEvents.Pixel.Y, NpgsqlDbType.Double, ct);
                if (position is { } at)
                {
                    await copy.WriteAsync(at.Lat, NpgsqlDbType.Double, ct);
                    await copy.WriteAsync(at.Lon, NpgsqlDbType.Double, ct);
                }
                else
                {
                    await copy.WriteNullAsync(ct);
                    await copy.WriteNullAsync(ct);
                }
                await copy.WriteAsync(SyntheticEvents.Confidence(i), NpgsqlDbType.Double, ct);
                await copy.WriteAsync(SyntheticEvents.Details(i).GetRawText(), NpgsqlDbType.Text, ct);
                await copy.WriteNullAsync(ct);
                await copy.WriteNullAsync(ct);
                await copy.WriteAsync(SyntheticEvents.Status(i), NpgsqlDbType.Text, ct);
                await copy.WriteNullAsync(ct);
                await copy.WriteAsync(now, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(now, NpgsqlDbType.Bigint, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using var analyze = new NpgsqlCommand("ANALYZE events", connection);
        await analyze.ExecuteNonQueryAsync(ct);
    }
}
