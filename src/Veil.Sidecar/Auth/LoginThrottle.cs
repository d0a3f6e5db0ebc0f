namespace Veil.Sidecar.Auth;

/// <summary>
/// Slows password guessing: after <see cref="MaxFailures"/> failed sign-ins within <see cref="Window"/>
/// for one name, or from one address, further attempts are refused (429) until the oldest failure ages
/// out, whether or not the password would be right. Kept in memory: each sidecar counts its own.
/// </summary>
internal sealed class LoginThrottle
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private const int PruneAbove = 10_000;

    private readonly Dictionary<string, Queue<long>> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>How long until the name and address may try again; null when they may now.</summary>
    public TimeSpan? RetryAfter(string name, string address)
    {
        var now = Environment.TickCount64;
        lock (_lock)
        {
            var wait = Math.Max(Wait(NameKey(name), now), Wait(AddressKey(address), now));
            return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
        }
    }

    public void Failed(string name, string address)
    {
        var now = Environment.TickCount64;
        lock (_lock)
        {
            if (_failures.Count > PruneAbove) Prune(now);
            foreach (var key in new[] { NameKey(name), AddressKey(address) })
            {
                if (!_failures.TryGetValue(key, out var times)) _failures[key] = times = new Queue<long>();
                times.Enqueue(now);
            }
        }
    }

    /// <summary>Milliseconds until this key drops under the limit (0 when it is under it).</summary>
    private long Wait(string key, long now)
    {
        if (!_failures.TryGetValue(key, out var times)) return 0;
        var window = (long)Window.TotalMilliseconds;
        while (times.Count > 0 && now - times.Peek() >= window) times.Dequeue();
        if (times.Count == 0) _failures.Remove(key);
        return times.Count < MaxFailures ? 0 : times.ElementAt(times.Count - MaxFailures) + window - now;
    }

    private void Prune(long now)
    {
        foreach (var key in _failures.Keys.ToList()) Wait(key, now);
    }

    private static string NameKey(string name) => "n:" + name;

    private static string AddressKey(string address) => "a:" + address;
}
