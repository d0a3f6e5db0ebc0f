namespace Veil.Sidecar.Store;

/// <summary>Milliseconds since the Unix epoch, the database's time representation.</summary>
internal static class UnixTime
{
    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
