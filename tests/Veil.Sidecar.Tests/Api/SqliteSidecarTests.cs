using Dapper;
using Microsoft.Data.Sqlite;

namespace Veil.Sidecar.Tests.Api;

/// <summary>The behaviour against the default store: one SQLite file.</summary>
public sealed class SqliteSidecarTests : SidecarBehaviour
{
    protected override Task<string> NewDatabaseAsync(string directory) => Task.FromResult("sqlite:" + Path.Combine(directory, "sidecar.db"));

    protected override async Task<Dictionary<string, long>> GroupCountsAsync(string database, string sql)
    {
        await using var connection = Open(database);
        return (await connection.QueryAsync<(string, long)>(sql)).ToDictionary(r => r.Item1, r => r.Item2);
    }

    protected override async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = Open(database);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    protected override string HourSql(int offsetHours) => $"strftime('%H', occurred_at / 1000, 'unixepoch', '{offsetHours:+0;-0} hours')";

    protected override string DayOfWeekSql(int offsetHours) => $"strftime('%w', occurred_at / 1000, 'unixepoch', '{offsetHours:+0;-0} hours')";

    protected override string DateSql(int offsetHours) => $"strftime('%Y-%m-%d', occurred_at / 1000, 'unixepoch', '{offsetHours:+0;-0} hours')";

    private static SqliteConnection Open(string database) => new($"Data Source={database["sqlite:".Length..]};Mode=ReadOnly;Pooling=False");
}
