using System.Net;
using System.Text.Json.Nodes;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Api;

/// <summary>
/// The store and REST API as a client sees them, run once per engine (SQLite, PostgreSQL): each
/// test gets a fresh database and a real sidecar on 127.0.0.1. Expected numbers come from SQL the
/// engine subclasses write with their own date functions, independent of the sidecar's queries.
/// </summary>
public abstract partial class SidecarBehaviour : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("veil-sidecar-test-").FullName;

    protected TestSidecar Sidecar { get; private set; } = null!;

    /// <summary>A new empty database for this test, as SidecarSettings.Database ("sqlite:…" or "postgres:…").</summary>
    protected abstract Task<string> NewDatabaseAsync(string directory);

    /// <summary>Runs a "SELECT key, COUNT(*) … GROUP BY 1" on the test's database, keys as text.</summary>
    protected abstract Task<Dictionary<string, long>> GroupCountsAsync(string database, string sql);

    /// <summary>Runs a query returning one integer.</summary>
    protected abstract Task<long> ScalarAsync(string database, string sql);

    /// <summary>SQL (the engine's own date functions) for the occurred_at column at a UTC offset: the hour, 0 to 23 as text.</summary>
    protected abstract string HourSql(int offsetHours);

    /// <summary>Day of week, "0" (Sunday) to "6".</summary>
    protected abstract string DayOfWeekSql(int offsetHours);

    /// <summary>"YYYY-MM-DD".</summary>
    protected abstract string DateSql(int offsetHours);

    public async Task InitializeAsync()
    {
        var database = await NewDatabaseAsync(_directory);
        Sidecar = await TestSidecar.StartAsync(database, Path.Combine(_directory, "media"));
    }

    public async Task DisposeAsync()
    {
        if (Sidecar is not null) await Sidecar.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }

    protected Task<long> CountAsync(string where) => ScalarAsync(Sidecar.Database, "SELECT COUNT(*) FROM events WHERE " + where);

}
