using Veil.TestSupport;

namespace Veil.Sidecar.Tests.Fixtures;

/// <summary>One throwaway PostgreSQL cluster per test class; each test takes a fresh database in it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private int _databases;

    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>A new empty database; returns its Npgsql connection string.</summary>
    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync($"test_{Interlocked.Increment(ref _databases)}");
}
