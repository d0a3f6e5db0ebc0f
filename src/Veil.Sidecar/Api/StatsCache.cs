using System.Collections.Concurrent;

namespace Veil.Sidecar.Api;

/// <summary>
/// Computed statistics kept a few seconds per query, so a busy public map does not recount per
/// request. Any write through this sidecar drops them all; writes by another sidecar sharing the
/// database show up when the entry expires.
/// </summary>
internal sealed class StatsCache(TimeSpan lifetime)
{
    private const int MaxEntries = 1000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private long _generation;

    public async Task<CachedStats> GetAsync(string key, Func<Task<CachedStats>> compute)
    {
        var generation = Interlocked.Read(ref _generation);
        if (_entries.TryGetValue(key, out var entry) && entry.Generation == generation && Environment.TickCount64 < entry.ExpiresAt) return entry.Value;
        var value = await compute();
        if (_entries.Count >= MaxEntries) _entries.Clear(); // many distinct queries: start over rather than grow
        // Stamped with the generation seen before computing: a write meanwhile makes it stale at once.
        _entries[key] = new Entry(value, generation, Environment.TickCount64 + (long)lifetime.TotalMilliseconds);
        return value;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed record Entry(CachedStats Value, long Generation, long ExpiresAt);
}
