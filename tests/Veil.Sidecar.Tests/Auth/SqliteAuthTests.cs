using Dapper;
using Microsoft.Data.Sqlite;

namespace Veil.Sidecar.Tests.Auth;

/// <summary>The behaviour against the default store: one SQLite file.</summary>
public sealed class SqliteAuthTests : AuthBehaviour
{
    private string _path = "";

    protected override Task<string> NewDatabaseAsync(string directory)
    {
        _path = Path.Combine(directory, "sidecar.db");
        return Task.FromResult("sqlite:" + _path);
    }

    protected override async Task<T?> ScalarAsync<T>(string sql) where T : default
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        return await connection.ExecuteScalarAsync<T>(sql);
    }

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False;Default Timeout=30");
        await connection.ExecuteAsync(sql);
    }
}
