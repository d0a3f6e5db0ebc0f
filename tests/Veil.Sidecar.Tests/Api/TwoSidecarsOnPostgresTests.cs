using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Dapper;
using Npgsql;
using Veil.Sidecar.Store;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Api;

/// <summary>
/// Two sidecars (two Kestrel servers in this process, two ports) sharing one PostgreSQL and one
/// media directory, as when several stream servers deliver to a pair of sidecars: each event sent
/// to both at once must be stored exactly once.
/// </summary>
public sealed class TwoSidecarsOnPostgresTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const int EventCount = 200;
    private readonly string _directory = Directory.CreateTempSubdirectory("veil-sidecar-pair-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Each_event_sent_to_both_sidecars_at_once_is_stored_exactly_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var database = "postgres:" + connectionString;
        var media = Path.Combine(_directory, "media");

        // Both migrate as they start, at the same moment, and two bare stores race them.
        var starting = new[] { TestSidecar.StartAsync(database, media), TestSidecar.StartAsync(database, media) };
        var bareStores = Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var store = new PostgresEventStore(connectionString);
            await store.MigrateAsync(CancellationToken.None);
        });
        await Task.WhenAll(starting.Cast<Task>().Concat(bareStores));
        await using var a = await starting[0];
        await using var b = await starting[1];
        Assert.NotEqual(a.Instance.Url.Port, b.Instance.Url.Port);

        var outcomes = new ConcurrentDictionary<string, HttpStatusCode[]>();
        await Parallel.ForEachAsync(Enumerable.Range(0, EventCount), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var ev = Samples.Event($"ev-{i:D3}", camera: Dataset.Cameras[i % 3], kind: Dataset.Kinds[i / 3 % 3], time: Samples.Monday.AddMinutes(i * 37));
            var snapshot = Samples.Jpeg(1024);
            var answers = await Task.WhenAll(a.PostEventAsync(ev, snapshot), b.PostEventAsync(ev, snapshot));
            outcomes[$"ev-{i:D3}"] = answers.Select(r => r.StatusCode).Order().ToArray();
            foreach (var answer in answers) answer.Dispose();
        });

        Assert.All(outcomes, o => Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], o.Value));
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        Assert.Equal(EventCount, await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT id) FROM events"));
        Assert.Equal(EventCount, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events"));
        Assert.Equal(Store.SchemaMigrations.All.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));

        var sqlByKind = (await connection.QueryAsync<(string, long)>("SELECT kind, COUNT(*) FROM events WHERE status = 'pending' GROUP BY kind"))
            .OrderBy(k => k.Item1, StringComparer.Ordinal).Select(k => $"{k.Item1}={k.Item2}");
        foreach (var sidecar in new[] { a, b })
        {
            var stats = await sidecar.GetJsonAsync("/api/stats?status=pending", admin: true);
            Assert.Equal(EventCount, (long)stats["total"]!);
            Assert.Equal(sqlByKind, stats["by_kind"]!.AsArray().Select(k => $"{k!["kind"]}={k["count"]}").Order(StringComparer.Ordinal));
        }

        var files = Directory.EnumerateFiles(media, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.tmp/", StringComparison.Ordinal)).ToList();
        Assert.Equal(EventCount, files.Count);
        Assert.All(files, f => Assert.Equal(Path.GetFileName(f), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))));
    }
}
