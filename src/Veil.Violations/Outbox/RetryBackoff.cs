namespace Veil.Violations.Outbox;

/// <summary>
/// Exponential backoff: initial × 2^(failures − 1), capped, with ±20 % jitter so the servers that
/// lost one sidecar together do not all come back in the same instant.
/// </summary>
internal sealed class RetryBackoff(TimeSpan initial, TimeSpan max)
{
    private const double Jitter = 0.2;

    public TimeSpan Delay(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        // Doubling past 2^30 only overflows; the cap is reached long before.
        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        var jittered = capped * (1 + Jitter * (2 * Random.Shared.NextDouble() - 1));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, max.TotalMilliseconds));
    }
}
