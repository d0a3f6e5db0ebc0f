using Dapper;
using Npgsql;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Api;

/// <summary>The behaviour against a real PostgreSQL (a throwaway cluster for this class, a database per test).</summary>
public sealed class PostgresSidecarTests(PostgresFixture postgres) : SidecarBehaviour, IClassFixture<PostgresFixture>
{
    protected override async Task<string> NewDatabaseAsync(string directory) => "postgres:" + await postgres.CreateDatabaseAsync();

    protected override async Task<Dictionary<string, long>> GroupCountsAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database["postgres:".Length..] + ";Pooling=false"); // no idle pool left behind per test database
        return (await connection.QueryAsync<(string, long)>(sql)).ToDictionary(r => r.Item1, r => r.Item2);
    }

    protected override async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database["postgres:".Length..] + ";Pooling=false"); // no idle pool left behind per test database
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    protected override string HourSql(int offsetHours) => $"extract(hour from {Local(offsetHours)})::int::text";

    protected override string DayOfWeekSql(int offsetHours) => $"extract(dow from {Local(offsetHours)})::int::text";

    protected override string DateSql(int offsetHours) => $"to_char({Local(offsetHours)}, 'YYYY-MM-DD')";

    private static string Local(int offsetHours) => $"(to_timestamp(occurred_at / 1000.0) AT TIME ZONE 'UTC' + interval '{offsetHours} hours')";
}
