namespace Veil.Sidecar.Store;

/// <summary>Opens the store a settings string names: "sqlite:PATH" or "postgres:CONNECTION STRING".</summary>
public static class EventStores
{
    public static IEventStore Open(string database)
    {
        const string Sqlite = "sqlite:", Postgres = "postgres:";
        if (database.StartsWith(Sqlite, StringComparison.Ordinal)) return new SqliteEventStore(database[Sqlite.Length..]);
        if (database.StartsWith(Postgres, StringComparison.Ordinal)) return new PostgresEventStore(database[Postgres.Length..]);
        throw new ArgumentException($"database '{Redacted(database)}' must start with '{Sqlite}' (a file path) or '{Postgres}' (an Npgsql connection string)",
            nameof(database));
    }

    /// <summary>Enough of the setting to recognise it, not a password in it.</summary>
    private static string Redacted(string database) => database.Length <= 12 ? database : database[..12] + "…";
}
