namespace Veil.Ingest.Rtmp.Wire;

/// <summary>
/// Bytes that may be held at once, shared by every session of a server: a message buffer is only
/// rented once its size fits, so many peers announcing large messages cannot together take memory
/// the one-session cap would allow each of them.
/// </summary>
public sealed class ByteBudget(long limit)
{
    private long _used;

    public long Limit => limit;
    public long Used => Interlocked.Read(ref _used);

    public bool TryTake(int bytes)
    {
        if (Interlocked.Add(ref _used, bytes) <= limit) return true;
        Interlocked.Add(ref _used, -bytes);
        return false;
    }

    /// <summary>Takes bytes already held (a pooled array's slack), past the limit if need be.</summary>
    public void Take(int bytes) => Interlocked.Add(ref _used, bytes);

    public void Give(int bytes) => Interlocked.Add(ref _used, -bytes);
}
