using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Veil.Ingest.Auth;

/// <summary>
/// Slows key and token guessing, per address, on every ingest and the control API: an address that
/// fails <c>limit</c> times within a window is refused without its key being checked until the
/// window ends (a correct key too: otherwise guessing would go on at full speed). Fixed windows, one
/// small entry per address, the table bounded (the oldest windows go first).
/// </summary>
public sealed class FailureThrottle(int limit, TimeSpan window)
{
    private const int MaxAddresses = 100_000;
    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();
    private long _throttled;

    private sealed class Entry
    {
        public long WindowStart;
        public int Failures;
    }

    /// <summary>Attempts refused because their address was throttled, since start.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>True when <paramref name="address"/> must wait (<paramref name="retryAfter"/>) before it may try a key again; counts the refusal.</summary>
    public bool IsThrottled(IPAddress address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_entries.TryGetValue(Key(address), out var entry)) return false;
        lock (entry)
        {
            var elapsed = Stopwatch.GetElapsedTime(entry.WindowStart);
            if (elapsed >= window || entry.Failures < limit) return false;
            retryAfter = window - elapsed;
        }
        Interlocked.Increment(ref _throttled);
        return true;
    }

    /// <summary>Counts a wrong key or token; true when this failure is the one that starts throttling the address.</summary>
    public bool Failed(IPAddress address)
    {
        if (_entries.Count >= MaxAddresses) Prune();
        var entry = _entries.GetOrAdd(Key(address), _ => new Entry { WindowStart = Stopwatch.GetTimestamp() });
        lock (entry)
        {
            if (Stopwatch.GetElapsedTime(entry.WindowStart) >= window)
            {
                entry.WindowStart = Stopwatch.GetTimestamp();
                entry.Failures = 0;
            }
            return ++entry.Failures == limit;
        }
    }

    private void Prune()
    {
        foreach (var (address, entry) in _entries)
            if (Stopwatch.GetElapsedTime(entry.WindowStart) >= window) _entries.TryRemove(address, out _);
        if (_entries.Count >= MaxAddresses) _entries.Clear(); // a flood of addresses all in their window: start over rather than grow
    }

    /// <summary>An IPv4 peer seen through a dual-stack socket is the same peer.</summary>
    private static IPAddress Key(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
