using Dapper;
using Npgsql;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Auth;

/// <summary>The behaviour against a real PostgreSQL (a throwaway cluster for this class, a database per test).</summary>
public sealed class PostgresAuthTests(PostgresFixture postgres) : AuthBehaviour, IClassFixture<PostgresFixture>
{
    private string _connectionString = ""; // the tests' own connections add Pooling=false: no idle pool left per test database

    protected override async Task<string> NewDatabaseAsync(string directory)
    {
        _connectionString = await postgres.CreateDatabaseAsync();
        return "postgres:" + _connectionString;
    }

    protected override async Task<T?> ScalarAsync<T>(string sql) where T : default
    {
        await using var connection = new NpgsqlConnection(_connectionString + ";Pooling=false");
        return await connection.ExecuteScalarAsync<T>(sql);
    }

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString + ";Pooling=false");
        await connection.ExecuteAsync(sql);
    }
}
